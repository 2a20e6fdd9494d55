using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

public sealed record InstructorCourseRow(int Id, string Slug, string Title, CourseStatus Status, int Enrollments, Money Revenue, double Rating, int RatingCount, DateTime UpdatedUtc);

public sealed record InstructorDashboardModel(
    int CourseCount, int PublishedCount, int StudentCount, Money Revenue30Days, Money RevenueTotal,
    double AverageRating, IReadOnlyList<InstructorCourseRow> Courses);

/// <summary>Counts for the /teach dashboard: only the instructor's own courses.</summary>
public sealed class InstructorDashboardQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<InstructorDashboardModel> GetAsync(int instructorId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var courses = await db.Courses.AsNoTracking().Where(c => c.InstructorId == instructorId)
            .Select(c => new { c.Id, c.Slug, c.Title, c.Status, c.RatingAverage, c.RatingCount, c.UpdatedUtc })
            .ToListAsync(ct);
        var ids = courses.Select(c => c.Id).ToList();

        var paidLines = from line in db.OrderLines.AsNoTracking()
                        join order in db.Orders.AsNoTracking() on line.OrderId equals order.Id
                        where (order.Status == OrderStatus.Paid || order.Status == OrderStatus.PartiallyRefunded) && ids.Contains(line.CourseId)
                        select new { line.CourseId, line.Price.MinorUnits, order.PaidUtc };
        var revenueByCourse = await paidLines.GroupBy(l => l.CourseId)
            .Select(g => new { g.Key, Sum = g.Sum(l => l.MinorUnits) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var revenue30 = await paidLines.Where(l => l.PaidUtc >= since).SumAsync(l => l.MinorUnits, ct);

        var enrollments = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.CourseId))
            .GroupBy(e => e.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var students = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.CourseId)).Select(e => e.LearnerId).Distinct().CountAsync(ct);

        var rows = courses
            .Select(c => new InstructorCourseRow(c.Id, c.Slug, c.Title, c.Status, enrollments.GetValueOrDefault(c.Id),
                new Money(revenueByCourse.GetValueOrDefault(c.Id), Money.Cny), c.RatingAverage, c.RatingCount, c.UpdatedUtc))
            .OrderByDescending(r => r.Revenue.MinorUnits).ToList();
        var rated = courses.Where(c => c.RatingCount > 0).ToList();
        var average = rated.Count == 0 ? 0 : rated.Sum(c => c.RatingAverage * c.RatingCount) / rated.Sum(c => c.RatingCount);
        return new InstructorDashboardModel(courses.Count, courses.Count(c => c.Status == CourseStatus.Published), students,
            new Money(revenue30, Money.Cny), new Money(revenueByCourse.Values.Sum(), Money.Cny), Math.Round(average, 2), rows);
    }
}
