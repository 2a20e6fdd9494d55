using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Admin;

public sealed record DailyRevenue(DateOnly Day, long MinorUnits, int Orders);

public sealed record AdminDashboardModel(
    int Users, int Learners, int Instructors, int Admins, int NewUsers30Days,
    int Courses, int PublishedCourses, int Enrollments, int PaidOrders30Days, Money Revenue30Days,
    IReadOnlyList<DailyRevenue> RevenueByDay);

/// <summary>Counts for the /admin dashboard.</summary>
public sealed class AdminDashboardQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The dashboard for an administrator; null for anyone else (the check lives here, not only on the page).</summary>
    public async Task<AdminDashboardModel?> GetAsync(int adminUserId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminUserId, ct)) return null;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-29).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var roleCounts = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id group ur by r.Name into g
                                select new { Role = g.Key!, Count = g.Count() }).ToDictionaryAsync(x => x.Role, x => x.Count, ct);
        var paid = db.Orders.AsNoTracking().Where(o => (o.Status == OrderStatus.Paid || o.Status == OrderStatus.PartiallyRefunded) && o.PaidUtc >= since);
        var daily = await paid.GroupBy(o => o.PaidUtc!.Value.Date)
            .Select(g => new { Day = g.Key, Sum = g.Sum(o => o.Total.MinorUnits), Count = g.Count() }).ToListAsync(ct);
        var byDay = Enumerable.Range(0, 30).Select(i => today.AddDays(-29 + i))
            .Select(d => daily.FirstOrDefault(x => DateOnly.FromDateTime(x.Day) == d) is { } x ? new DailyRevenue(d, x.Sum, x.Count) : new DailyRevenue(d, 0, 0))
            .ToList();

        return new AdminDashboardModel(
            Users: await db.Users.CountAsync(ct),
            Learners: roleCounts.GetValueOrDefault(Roles.Learner),
            Instructors: roleCounts.GetValueOrDefault(Roles.Instructor),
            Admins: roleCounts.GetValueOrDefault(Roles.Admin),
            NewUsers30Days: await db.Users.CountAsync(u => u.CreatedUtc >= since, ct),
            Courses: await db.Courses.CountAsync(ct),
            PublishedCourses: await db.Courses.CountAsync(c => c.Status == CourseStatus.Published, ct),
            Enrollments: await db.Enrollments.CountAsync(ct),
            PaidOrders30Days: byDay.Sum(d => d.Orders),
            Revenue30Days: new Money(byDay.Sum(d => d.MinorUnits), Money.Cny),
            RevenueByDay: byDay);
    }
}
