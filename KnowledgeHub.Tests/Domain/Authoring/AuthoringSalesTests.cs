using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

/// <summary>Sales figures on a small known data set, in China time (UTC+8).</summary>
public sealed class AuthoringSalesTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
    private static readonly DateOnly From = new(2026, 11, 10);
    private static readonly DateOnly To = new(2026, 11, 12);
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;
    private int c1, c2, c3, orderNumber;

    /// <summary>
    /// The owner's C1 (¥100) and C2 (¥50), the other instructor's C3 (¥80). In the range 11-10..11-12 (China time): C1 sold on
    /// 11-10 10:00 and 11-11 01:00 (paid 11-10 17:00 UTC, with C3 in the same order), C2 sold on 11-12 and refunded, a free
    /// enrolment in C2 on 11-12; outside: a C2 order never paid, a C1 sale on 11-09 23:59 and one on 11-20.
    /// </summary>
    public async Task InitializeAsync()
    {
        world = await CreateAsync(testDb);
        c1 = await world.Catalog.AddCourseAsync(10000);
        c2 = await world.Catalog.AddCourseAsync(5000);
        c3 = await world.Catalog.AddCourseAsync(8000, instructorId: world.OtherInstructorId);

        await SellAsync(Utc(11, 10, 2), c1);
        await SellAsync(Utc(11, 10, 17), c1, c3);
        var refunded = await SellAsync(Utc(11, 12, 4), c2);
        await SellAsync(null, c2);
        await SellAsync(Utc(11, 9, 15, 59), c1);
        await SellAsync(Utc(11, 20, 2), c1);
        await EnrollAsync(Utc(11, 12, 3), c2);

        await using var db = await world.Db.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE Orders SET Status = {0} WHERE Id = {1}", (int)OrderStatus.Refunded, refunded);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM Enrollments WHERE OrderId = {0}", refunded);
        (await db.Courses.SingleAsync(c => c.Id == c1)).SetRatingSummary(4.5, 2);
        (await db.Courses.SingleAsync(c => c.Id == c2)).SetRatingSummary(3, 1);
        (await db.Courses.SingleAsync(c => c.Id == c3)).SetRatingSummary(1, 10);
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>A new learner's order of the courses, paid at the time (null: left pending), with enrolments when paid.</summary>
    private async Task<int> SellAsync(DateTime? paidUtc, params int[] courses)
    {
        var buyer = await world.Catalog.AddUserAsync("买家");
        await using var db = await world.Db.CreateDbContextAsync();
        var items = await db.Courses.Where(c => courses.Contains(c.Id)).Select(c => new { c.Id, c.Title, c.Price.MinorUnits }).ToListAsync();
        var placed = paidUtc ?? Utc(11, 11, 0);
        var order = Order.Seeded($"KH-{++orderNumber}", buyer, items.Select(i => (i.Id, i.Title, new Money(i.MinorUnits, Money.Cny))).ToList(),
            "alipay", placed, paidUtc, $"pay-{orderNumber}");
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        if (paidUtc is { } at)
        {
            db.Enrollments.AddRange(courses.Select(c => new Enrollment(buyer, c, at, order.Id)));
            await db.SaveChangesAsync();
        }
        return order.Id;
    }

    private async Task EnrollAsync(DateTime atUtc, int course)
    {
        var learner = await world.Catalog.AddUserAsync("免费学员");
        await using var db = await world.Db.CreateDbContextAsync();
        db.Enrollments.Add(new Enrollment(learner, course, atUtc, orderId: null));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task GetAsync_OwnCourses_SumsRevenueRefundsAndEnrolmentsInTheRange()
    {
        var report = Ok(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, To, China));

        Assert.Equal((25000L, 5000L, 20000L), (report.Revenue.MinorUnits, report.Refunds.MinorUnits, report.NetRevenue.MinorUnits));
        Assert.Equal((3, 3), (report.Sales, report.Enrollments));
        Assert.Equal((4.0, 3), (report.AverageRating, report.RatingCount));
    }

    [Fact]
    public async Task GetAsync_OwnCourses_GivesEveryDayOfTheRangeInTheTimeZone()
    {
        var report = Ok(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, To, China));

        Assert.Equal(
            [(From, 10000L, 0L, 1, 1), (From.AddDays(1), 10000L, 0L, 1, 1), (To, 5000L, 5000L, 1, 1)],
            report.Days.Select(d => (d.Date, d.Revenue.MinorUnits, d.Refunds.MinorUnits, d.Sales, d.Enrollments)));
    }

    [Fact]
    public async Task GetAsync_OwnCourses_BreaksDownPerCourseAndLeavesOtherInstructorsOut()
    {
        var report = Ok(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, To, China));

        Assert.Equal(
            [(c1, 20000L, 0L, 2, 2, 4.5), (c2, 5000L, 5000L, 1, 1, 3.0)],
            report.Courses.Select(c => (c.CourseId, c.Revenue.MinorUnits, c.Refunds.MinorUnits, c.Sales, c.Enrollments, c.RatingAverage)));
        Assert.DoesNotContain(report.Courses, c => c.CourseId == c3);
    }

    [Fact]
    public async Task GetAsync_UtcDays_MoveTheLateSaleBack()
    {
        var report = Ok(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, To, TimeZoneInfo.Utc));

        // In UTC the 11-10 17:00 sale is on 11-10, and nothing falls on 11-11.
        Assert.Equal([20000L, 0L, 5000L], report.Days.Select(d => d.Revenue.MinorUnits));
    }

    [Fact]
    public async Task GetAsync_Admin_SeesAnyInstructor()
    {
        var report = Ok(await world.Sales.GetAsync(world.AdminId, world.OtherInstructorId, From, To, China));

        Assert.Equal((8000L, 1), (report.Revenue.MinorUnits, report.Sales));
        var instructors = Ok(await world.Sales.GetInstructorsAsync(world.AdminId));
        Assert.Equal([world.OwnerId, world.OtherInstructorId], instructors.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task GetAsync_OtherInstructorOrLearner_IsForbidden()
    {
        Refused(await world.Sales.GetAsync(world.OtherInstructorId, world.OwnerId, From, To, China), "sales.forbidden");
        Refused(await world.Sales.GetAsync(world.LearnerId, world.LearnerId, From, To, China), "sales.forbidden");
    }

    [Fact]
    public async Task GetAsync_BackwardsOrTooLongRange_IsRangeInvalid()
    {
        Refused(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, To, From, China), "sales.range_invalid");
        Refused(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, From.AddDays(InstructorSalesQueries.MaxDays), China),
            "sales.range_invalid");
        Assert.Equal(InstructorSalesQueries.MaxDays,
            Ok(await world.Sales.GetAsync(world.OwnerId, world.OwnerId, From, From.AddDays(InstructorSalesQueries.MaxDays - 1), China)).Days.Count);
    }

    [Fact]
    public async Task GetAsync_DemoInstructor_HasNumbersFromTheSeededOrders()
    {
        using var demoDb = new TestDb();
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        await new DemoSeeder(demoDb, new FakeTimeProvider(now)).SeedAsync();
        await using var db = demoDb.CreateDbContext();
        var teacher = await db.Users.Where(u => u.Email == DemoAccounts.InstructorEmail).Select(u => u.Id).SingleAsync();

        var report = Ok(await new InstructorSalesQueries(demoDb).GetAsync(teacher, teacher, new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 25), China));

        Assert.True(report.Revenue.MinorUnits > 0);
        Assert.True(report.Sales > 10);
        Assert.True(report.Days.Count(d => d.Sales > 0) > 10);
        Assert.InRange(report.AverageRating, 3.5, 5);
    }
}
