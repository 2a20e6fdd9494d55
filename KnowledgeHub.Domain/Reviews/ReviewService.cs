using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Reviews;

/// <summary>What a saved review did to its course: shown at once, without waiting for another query.</summary>
public sealed record ReviewSaved(int ReviewId, bool Created, double RatingAverage, int RatingCount);

/// <summary>
/// Writes reviews: submit or edit (enrolled learners), reply (the course's instructor, once), report (signed-in users
/// other than the author, once each) and hide/unhide (admins). Messages of failures are resource keys of Strings.
/// Changes that move a course's rating run in one write transaction (SQLite BEGIN IMMEDIATE), so concurrent reviews of
/// one course serialize and the cached RatingAverage/RatingCount always match the visible reviews.
/// </summary>
public sealed class ReviewService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Creates the learner's review of the course, or edits it when there is one already.</summary>
    public async Task<Result<ReviewSaved>> SubmitAsync(int learnerId, int courseId, int rating, string? text, CancellationToken ct = default)
    {
        if (!Review.IsValidRating(rating)) return Result<ReviewSaved>.Fail("review.rating_range", "ReviewRatingRequired");
        var body = Review.NormalizeText(text);
        if (body.Length > Review.TextMaxLength) return Result<ReviewSaved>.Fail("review.text_too_long", "ReviewTextTooLong");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = await db.Courses.SingleOrDefaultAsync(c => c.Id == courseId && c.Status == CourseStatus.Published, ct);
        if (course is null) return Result<ReviewSaved>.Fail("review.course_unavailable", "ReviewCourseUnavailable");
        if (course.InstructorId == learnerId) return Result<ReviewSaved>.Fail("review.own_course", "ReviewOwnCourse");
        if (!await db.Enrollments.AnyAsync(e => e.LearnerId == learnerId && e.CourseId == courseId, ct))
            return Result<ReviewSaved>.Fail("review.not_enrolled", "ReviewNotEnrolled");

        var now = clock.GetUtcNow().UtcDateTime;
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.CourseId == courseId && r.LearnerId == learnerId, ct);
        var created = review is null;
        if (review is null) db.Reviews.Add(review = new Review(courseId, learnerId, rating, body, now));
        else review.Edit(rating, body, now);

        await RefreshRatingAsync(db, course, review, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(new ReviewSaved(review.Id, created, course.RatingAverage, course.RatingCount));
    }

    /// <summary>The course's instructor answers a review, once.</summary>
    public async Task<Result> ReplyAsync(int instructorId, int reviewId, string? text, CancellationToken ct = default)
    {
        var reply = Review.NormalizeText(text);
        if (reply.Length == 0) return Result.Fail("review.reply_empty", "ReviewReplyEmpty");
        if (reply.Length > Review.ReplyMaxLength) return Result.Fail("review.reply_too_long", "ReviewTextTooLong");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // a concurrent second reply waits, then sees this one
        var found = await db.Reviews
            .Join(db.Courses, r => r.CourseId, c => c.Id, (r, c) => new { Review = r, c.InstructorId })
            .SingleOrDefaultAsync(x => x.Review.Id == reviewId, ct);
        if (found is null || found.Review.IsHidden) return Result.Fail("review.not_found", "ReviewNotFound");
        if (found.InstructorId != instructorId) return Result.Fail("review.not_instructor", "ReviewReplyNotAllowed");
        if (!found.Review.CanReply) return Result.Fail("review.already_replied", "ReviewAlreadyReplied");

        found.Review.Reply(reply, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>A signed-in user other than the author flags a review for the admins, once.</summary>
    public async Task<Result> ReportAsync(int userId, int reviewId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var review = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId)
            .Select(r => new { r.LearnerId, r.IsHidden }).SingleOrDefaultAsync(ct);
        if (review is null || review.IsHidden) return Result.Fail("review.not_found", "ReviewNotFound");
        if (review.LearnerId == userId) return Result.Fail("review.own_review", "ReviewCannotReportOwn");
        if (await db.ReviewReports.AnyAsync(r => r.ReviewId == reviewId && r.ReporterId == userId, ct))
            return Result.Fail("review.already_reported", "ReviewAlreadyReported");

        db.ReviewReports.Add(new ReviewReport(reviewId, userId, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Result.Fail("review.already_reported", "ReviewAlreadyReported"); // a double click raced the unique index
        }
        return Result.Ok();
    }

    /// <summary>An admin takes a review out of the public list and the course's rating.</summary>
    public Task<Result> HideAsync(int adminId, int reviewId, CancellationToken ct = default) => SetHiddenAsync(adminId, reviewId, true, ct);

    /// <summary>An admin puts a hidden review back.</summary>
    public Task<Result> UnhideAsync(int adminId, int reviewId, CancellationToken ct = default) => SetHiddenAsync(adminId, reviewId, false, ct);

    private async Task<Result> SetHiddenAsync(int adminId, int reviewId, bool hidden, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Result.Fail("review.not_admin", "ReviewModerationNotAllowed");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.Id == reviewId, ct);
        if (review is null) return Result.Fail("review.not_found", "ReviewNotFound");
        if (review.IsHidden == hidden) return Result.Ok();
        var course = await db.Courses.SingleAsync(c => c.Id == review.CourseId, ct);

        if (hidden) review.Hide(clock.GetUtcNow().UtcDateTime);
        else review.Unhide();
        await RefreshRatingAsync(db, course, review, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>The course's rating from its visible reviews: those in the database plus the one being changed.</summary>
    private static async Task RefreshRatingAsync(KnowledgeHubDbContext db, Course course, Review changed, CancellationToken ct)
    {
        var others = db.Reviews.Where(r => r.CourseId == course.Id && !r.IsHidden && r.Id != changed.Id);
        var count = await others.CountAsync(ct);
        var sum = await others.SumAsync(r => r.Rating, ct);
        if (!changed.IsHidden)
        {
            count++;
            sum += changed.Rating;
        }
        course.SetRatingSummary(count == 0 ? 0 : (double)sum / count, count);
    }
}
