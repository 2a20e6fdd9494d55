using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Admin;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Admin;

public sealed class AdminDashboardQueriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetAsync_Admin_CountsPaidRevenueOfTheLast30Days()
    {
        using var testDb = new TestDb();
        var clock = new FakeTimeProvider(Now);
        await new DemoSeeder(testDb, clock).SeedAsync();
        await using var db = testDb.CreateDbContext();
        var adminId = await db.Users.Where(u => u.Email == DemoAccounts.AdminEmail).Select(u => u.Id).SingleAsync();
        var since = Now.UtcDateTime.Date.AddDays(-29);
        var expected = await db.Orders.Where(o => o.PaidUtc >= since && o.Status == KnowledgeHub.Domain.Orders.OrderStatus.Paid).SumAsync(o => o.Total.MinorUnits);

        var model = await new AdminDashboardQueries(testDb, clock).GetAsync(adminId, CancellationToken.None);

        Assert.NotNull(model);
        Assert.Equal(expected, model.Revenue30Days.MinorUnits);
        Assert.Equal(30, model.RevenueByDay.Count);
        Assert.Equal(await db.Users.CountAsync(), model.Users);
    }

    [Theory]
    [InlineData(DemoAccounts.LearnerEmail)]
    [InlineData(DemoAccounts.InstructorEmail)]
    public async Task GetAsync_NotAnAdmin_GetsNothing(string email)
    {
        using var testDb = new TestDb();
        var clock = new FakeTimeProvider(Now);
        await new DemoSeeder(testDb, clock).SeedAsync();
        await using var db = testDb.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

        Assert.Null(await new AdminDashboardQueries(testDb, clock).GetAsync(userId, CancellationToken.None));
    }
}
