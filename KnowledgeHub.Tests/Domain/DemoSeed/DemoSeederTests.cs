using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.DemoSeed;

public sealed class DemoSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SeedAsync_EmptyDatabase_SeedsTheCatalogueAccountsAndNinetyDaysOfActivity()
    {
        using var testDb = new TestDb();
        Assert.True(await new DemoSeeder(testDb, new FakeTimeProvider(Now)).SeedAsync());

        await using var db = testDb.CreateDbContext();
        Assert.True(await db.Categories.CountAsync(c => c.ParentId == null) >= 8);
        Assert.True(await db.Courses.CountAsync() >= 60);
        var sectionsPerCourse = await db.Courses.Select(c => c.Sections.Count).ToListAsync();
        Assert.All(sectionsPerCourse, n => Assert.InRange(n, 2, 6));
        Assert.True(await db.Courses.CountAsync(c => c.Language == SupportedCultures.English) > 0, "some English courses");
        Assert.True(await db.Courses.CountAsync(c => c.Language == SupportedCultures.Chinese) > 30, "mostly Chinese courses");
        Assert.Equal(10, await UsersInRole(db, Roles.Instructor));
        Assert.True(await UsersInRole(db, Roles.Learner) >= 300);
        Assert.Equal(1, await UsersInRole(db, Roles.Admin));

        var paid = await db.Orders.Where(o => o.PaidUtc != null).Select(o => o.PaidUtc!.Value).ToListAsync();
        var since = Now.UtcDateTime.AddDays(-90);
        Assert.True(paid.Count > 300);
        Assert.All(paid, t => Assert.InRange(t, since.AddDays(-1), Now.UtcDateTime));
        Assert.True(paid.Select(t => t.Date).Distinct().Count() >= 80, "orders on nearly every one of the 90 days");
        Assert.True(await db.BehaviorEvents.CountAsync(e => e.Type == BehaviorEventType.Visit) > await db.BehaviorEvents.CountAsync(e => e.Type == BehaviorEventType.Purchase));
        Assert.True(await db.Enrollments.CountAsync() >= paid.Count);
        Assert.True(await db.Reviews.CountAsync() > 100);
    }

    [Fact]
    public async Task SeedAsync_Orders_FollowAWeeklyRhythm()
    {
        using var testDb = new TestDb();
        await new DemoSeeder(testDb, new FakeTimeProvider(Now)).SeedAsync();
        await using var db = testDb.CreateDbContext();
        var days = (await db.Orders.Where(o => o.PaidUtc != null).Select(o => o.PaidUtc!.Value).ToListAsync())
            .GroupBy(t => t.DayOfWeek).ToDictionary(g => g.Key, g => g.Count());

        var perDay = Enum.GetValues<DayOfWeek>().Select(d => days.GetValueOrDefault(d)).ToArray();
        // A weekly rhythm: the busiest weekday sells clearly more than the quietest.
        Assert.True(perDay.Max() > perDay.Min() * 1.15, $"orders by weekday: {string.Join(", ", perDay)}");
    }

    [Fact]
    public async Task SeedAsync_SameClockTwice_ProducesIdenticalData()
    {
        using var first = new TestDb();
        using var second = new TestDb();
        await new DemoSeeder(first, new FakeTimeProvider(Now)).SeedAsync();
        await new DemoSeeder(second, new FakeTimeProvider(Now)).SeedAsync();

        Assert.Equal(await Fingerprint(first), await Fingerprint(second));
    }

    [Fact]
    public async Task SeedAsync_DatabaseAlreadySeeded_ReturnsFalseAndChangesNothing()
    {
        using var testDb = new TestDb();
        var seeder = new DemoSeeder(testDb, new FakeTimeProvider(Now));
        await seeder.SeedAsync();
        var before = await Fingerprint(testDb);

        Assert.False(await new DemoSeeder(testDb, new FakeTimeProvider(Now.AddDays(3))).SeedAsync());

        Assert.Equal(before, await Fingerprint(testDb));
    }

    [Fact]
    public async Task SeedAsync_DemoAccounts_CanSignInWithTheDocumentedPasswords()
    {
        using var testDb = new TestDb();
        await new DemoSeeder(testDb, new FakeTimeProvider(Now)).SeedAsync();
        await using var db = testDb.CreateDbContext();
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<ApplicationUser>();

        foreach (var (_, email, password) in DemoAccounts.Listed)
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
            Assert.True(user.EmailConfirmed);
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
        }
    }

    private static async Task<int> UsersInRole(KnowledgeHubDbContext db, string role) =>
        await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where r.Name == role select ur.UserId).Distinct().CountAsync();

    private static async Task<string> Fingerprint(TestDb testDb)
    {
        await using var db = testDb.CreateDbContext();
        var courses = await db.Courses.OrderBy(c => c.Id).Select(c => $"{c.Slug}|{c.Title}|{c.Price.MinorUnits}|{c.Status}|{c.RatingAverage}|{c.EnrollmentCount}").ToListAsync();
        var orders = await db.Orders.OrderBy(o => o.Id).Select(o => $"{o.Number}|{o.BuyerId}|{o.Total.MinorUnits}|{o.Status}|{o.PaidUtc}").ToListAsync();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => $"{u.Email}|{u.DisplayName}|{u.CreatedUtc}").ToListAsync();
        var counts = $"{await db.BehaviorEvents.CountAsync()}|{await db.Enrollments.CountAsync()}|{await db.Reviews.CountAsync()}|{await db.Lessons.CountAsync()}";
        return string.Join("\n", courses.Concat(orders).Concat(users).Append(counts));
    }
}
