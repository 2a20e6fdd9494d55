using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>One day of the range (in the report's time zone), zero-filled so a chart gets every day.</summary>
public sealed record SalesDay(DateOnly Date, Money Revenue, Money Refunds, int Sales, int Enrollments);

/// <summary>One course over the range; the rating is the course's overall rating.</summary>
public sealed record CourseSales(
    int CourseId, string Slug, string Title, CourseStatus Status, Money Revenue, Money Refunds, int Sales, int Enrollments,
    double RatingAverage, int RatingCount);

/// <summary>
/// An instructor's sales over a date range. Revenue is what paid orders charged for the instructor's courses (each order
/// line's price snapshot), by the day of payment; refunds are the lines of fully refunded orders (the order tables have no
/// refund amounts or dates yet, so they are dated by payment and partial refunds count as sales); net = revenue − refunds.
/// Enrolments include free ones.
/// </summary>
public sealed record SalesReport(
    int InstructorId, DateOnly From, DateOnly To, Money Revenue, Money Refunds, Money NetRevenue, int Sales, int Enrollments,
    double AverageRating, int RatingCount, IReadOnlyList<SalesDay> Days, IReadOnlyList<CourseSales> Courses);

public sealed record InstructorOption(int Id, string DisplayName, string Email);

/// <summary>The instructor's sales page: their own figures; admins may look at any instructor's.</summary>
public sealed class InstructorSalesQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory)
{
    public const int MaxDays = 366;
    private static readonly Error Forbidden = new("sales.forbidden", "SalesForbidden");
    private static readonly Error RangeInvalid = new("sales.range_invalid", "SalesRangeInvalid");

    /// <summary>Figures for <paramref name="instructorId"/> from <paramref name="from"/> to <paramref name="to"/> inclusive, days in <paramref name="timeZone"/>.</summary>
    public async Task<Result<SalesReport>> GetAsync(int userId, int instructorId, DateOnly from, DateOnly to, TimeZoneInfo timeZone,
        CancellationToken ct = default)
    {
        if (to < from || to.DayNumber - from.DayNumber + 1 > MaxDays) return Result<SalesReport>.Fail(RangeInvalid.Code, RangeInvalid.Message);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var allowed = await db.IsAdminAsync(userId, ct) || (userId == instructorId && await db.IsInstructorAsync(userId, ct));
        if (!allowed) return Result<SalesReport>.Fail(Forbidden.Code, Forbidden.Message);

        var fromUtc = TimeZoneInfo.ConvertTimeToUtc(from.ToDateTime(TimeOnly.MinValue), timeZone);
        var toUtc = TimeZoneInfo.ConvertTimeToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), timeZone);
        DateOnly Day(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), timeZone));

        var courses = await db.Courses.AsNoTracking().Where(c => c.InstructorId == instructorId)
            .Select(c => new { c.Id, c.Slug, c.Title, c.Status, c.RatingAverage, c.RatingCount })
            .ToListAsync(ct);

        var lines = await (from line in db.OrderLines.AsNoTracking()
                           join order in db.Orders.AsNoTracking() on line.OrderId equals order.Id
                           join course in db.Courses.AsNoTracking() on line.CourseId equals course.Id
                           where course.InstructorId == instructorId
                                 && (order.Status == OrderStatus.Paid || order.Status == OrderStatus.PartiallyRefunded || order.Status == OrderStatus.Refunded)
                                 && order.PaidUtc >= fromUtc && order.PaidUtc < toUtc
                           select new { line.CourseId, line.Price.MinorUnits, PaidUtc = order.PaidUtc!.Value, Refunded = order.Status == OrderStatus.Refunded })
            .ToListAsync(ct);

        var enrollments = await (from e in db.Enrollments.AsNoTracking()
                                 join course in db.Courses.AsNoTracking() on e.CourseId equals course.Id
                                 where course.InstructorId == instructorId && e.EnrolledUtc >= fromUtc && e.EnrolledUtc < toUtc
                                 select new { e.CourseId, e.EnrolledUtc })
            .ToListAsync(ct);

        var linesByDay = lines.ToLookup(l => Day(l.PaidUtc));
        var enrollmentsByDay = enrollments.ToLookup(e => Day(e.EnrolledUtc));
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Select(date =>
        {
            var paid = linesByDay[date].ToList();
            return new SalesDay(date, Yuan(paid.Sum(l => l.MinorUnits)), Yuan(paid.Where(l => l.Refunded).Sum(l => l.MinorUnits)), paid.Count,
                enrollmentsByDay[date].Count());
        }).ToList();

        var perCourse = courses.Select(c =>
        {
            var paid = lines.Where(l => l.CourseId == c.Id).ToList();
            return new CourseSales(c.Id, c.Slug, c.Title, c.Status, Yuan(paid.Sum(l => l.MinorUnits)),
                Yuan(paid.Where(l => l.Refunded).Sum(l => l.MinorUnits)), paid.Count, enrollments.Count(e => e.CourseId == c.Id),
                c.RatingAverage, c.RatingCount);
        }).OrderByDescending(c => c.Revenue.MinorUnits).ThenByDescending(c => c.Enrollments).ThenBy(c => c.CourseId).ToList();

        var revenue = lines.Sum(l => l.MinorUnits);
        var refunds = lines.Where(l => l.Refunded).Sum(l => l.MinorUnits);
        var ratingCount = courses.Sum(c => c.RatingCount);
        var rating = ratingCount == 0 ? 0 : Math.Round(courses.Sum(c => c.RatingAverage * c.RatingCount) / ratingCount, 2);
        return Result.Ok(new SalesReport(instructorId, from, to, Yuan(revenue), Yuan(refunds), Yuan(revenue - refunds), lines.Count,
            enrollments.Count, rating, ratingCount, days, perCourse));
    }

    /// <summary>Admins: every instructor, for the sales page's picker.</summary>
    public async Task<Result<IReadOnlyList<InstructorOption>>> GetInstructorsAsync(int adminId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Result<IReadOnlyList<InstructorOption>>.Fail(Forbidden.Code, Forbidden.Message);
        var instructor = Roles.Instructor.ToUpperInvariant();
        var options = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == instructor)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new InstructorOption(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        return Result.Ok<IReadOnlyList<InstructorOption>>(options);
    }

    private static Money Yuan(long minorUnits) => new(minorUnits, Money.Cny);
}
