using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Learning;

/// <summary>What the "enrol for free" button needs to know about a public course and the viewer.</summary>
public sealed record EnrollmentStatus(int CourseId, string Slug, bool IsFree, bool IsEnrolled);

/// <summary>
/// Free enrolment (paid courses are enrolled by the payment notification). Enrolling again is idempotent: it returns Ok
/// without a second row or a second count, so a double click or a second tab ends in the same state as one click.
/// </summary>
public sealed class EnrollmentService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result> EnrollFreeAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One write transaction (SQLite BEGIN IMMEDIATE): concurrent enrolments serialize, so the check below cannot race
        // the unique index and the cached EnrollmentCount never loses an increment.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId && c.Status == CourseStatus.Published, ct);
        if (course is null) return Result.Fail("enrol.unavailable", "EnrollCourseUnavailable");
        if (!course.IsFree) return Result.Fail("enrol.not_free", "EnrollNotFree");
        if (await db.Enrollments.AnyAsync(e => e.LearnerId == userId && e.CourseId == courseId, ct)) return Result.Ok();

        db.Enrollments.Add(new Enrollment(userId, courseId, clock.GetUtcNow().UtcDateTime, orderId: null));
        course.SetEnrollmentCount(course.EnrollmentCount + 1);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    public async Task<bool> IsEnrolledAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Enrollments.AnyAsync(e => e.LearnerId == userId && e.CourseId == courseId, ct);
    }

    /// <summary>The public course's slug and price kind, and whether the user (null: anonymous) is enrolled; null when not public.</summary>
    public async Task<EnrollmentStatus?> GetStatusAsync(int courseId, int? userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId && c.Status == CourseStatus.Published)
            .Select(c => new { c.Slug, c.Price.MinorUnits }).SingleOrDefaultAsync(ct);
        if (course is null) return null;
        var enrolled = userId is { } id && await db.Enrollments.AnyAsync(e => e.LearnerId == id && e.CourseId == courseId, ct);
        return new EnrollmentStatus(courseId, course.Slug, course.MinorUnits == 0, enrolled);
    }
}
