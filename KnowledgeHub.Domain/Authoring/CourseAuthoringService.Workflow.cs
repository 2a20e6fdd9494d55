using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>
/// The workflow: Draft → Submitted (owner) → Published (admin) or back to Draft (admin, with reasons); Submitted → Draft
/// (owner withdraws); Published → Unlisted ↔ Published, Published/Unlisted → Archived (owner). Each transition is a row
/// of the course's status history.
/// </summary>
public sealed partial class CourseAuthoringService
{
    /// <summary>Draft → Submitted. Needs complete basics and at least one lesson, each with its content (see <see cref="CourseEditorModel.Gaps"/>).</summary>
    public Task<Result<AuthoringSaved>> SubmitAsync(int userId, int courseId, int version, CancellationToken ct = default) =>
        TransitionAsync(userId, courseId, version, adminOnly: false, (w, now) =>
        {
            if (w.Course.Status != CourseStatus.Draft) return AuthoringErrors.WrongState;
            if (w.Course.SubmissionGaps().Count > 0) return AuthoringErrors.SubmitIncomplete;
            w.Course.Submit(w.UserId, now);
            return null;
        }, ct);

    /// <summary>Submitted → Draft, to change something before the review.</summary>
    public Task<Result<AuthoringSaved>> WithdrawAsync(int userId, int courseId, int version, CancellationToken ct = default) =>
        TransitionAsync(userId, courseId, version, adminOnly: false, (w, now) =>
        {
            if (!w.Course.CanWithdraw) return AuthoringErrors.WrongState;
            w.Course.Withdraw(w.UserId, now);
            return null;
        }, ct);

    /// <summary>Published → Unlisted: out of the catalogue; enrolled learners keep their access.</summary>
    public Task<Result<AuthoringSaved>> UnlistAsync(int userId, int courseId, int version, CancellationToken ct = default) =>
        TransitionAsync(userId, courseId, version, adminOnly: false, (w, now) =>
        {
            if (!w.Course.CanUnlist) return AuthoringErrors.WrongState;
            w.Course.Unlist(w.UserId, now);
            return null;
        }, ct);

    /// <summary>Unlisted → Published, without a new review (it was approved before).</summary>
    public Task<Result<AuthoringSaved>> RelistAsync(int userId, int courseId, int version, CancellationToken ct = default) =>
        TransitionAsync(userId, courseId, version, adminOnly: false, (w, now) =>
        {
            if (!w.Course.CanRelist) return AuthoringErrors.WrongState;
            w.Course.Relist(w.UserId, now);
            return null;
        }, ct);

    /// <summary>Published or Unlisted → Archived, for good.</summary>
    public Task<Result<AuthoringSaved>> ArchiveAsync(int userId, int courseId, int version, CancellationToken ct = default) =>
        TransitionAsync(userId, courseId, version, adminOnly: false, (w, now) =>
        {
            if (!w.Course.CanArchive) return AuthoringErrors.WrongState;
            w.Course.Archive(w.UserId, now);
            return null;
        }, ct);

    /// <summary>Admins: submitted courses, the longest waiting first.</summary>
    public async Task<Result<IReadOnlyList<ReviewQueueItem>>> GetReviewQueueAsync(int adminId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Fail<IReadOnlyList<ReviewQueueItem>>(AuthoringErrors.Forbidden);
        var items = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Submitted)
            .Select(c => new ReviewQueueItem(c.Id, c.Slug, c.Title, c.InstructorId, c.Instructor!.DisplayName, c.Category!.NameZh, c.Category.NameEn,
                c.LessonCount, c.TotalDurationSeconds, new Money(c.Price.MinorUnits, c.Price.Currency), c.Version,
                c.StatusHistory.Where(h => h.To == CourseStatus.Submitted).Max(h => (DateTime?)h.OccurredUtc)))
            .ToListAsync(ct);
        return Result.Ok<IReadOnlyList<ReviewQueueItem>>(items.OrderBy(i => i.SubmittedUtc).ThenBy(i => i.CourseId).ToList());
    }

    /// <summary>Admins: Submitted → Published, with an optional note for the owner.</summary>
    public Task<Result<AuthoringSaved>> ApproveAsync(int adminId, int courseId, int version, string? note, CancellationToken ct = default) =>
        TransitionAsync(adminId, courseId, version, adminOnly: true, (w, now) =>
        {
            if (CourseRules.CheckNote(note) is { } error) return error;
            if (!w.Course.CanApprove) return AuthoringErrors.WrongState;
            w.Course.Approve(w.UserId, note, now);
            return null;
        }, ct);

    /// <summary>Admins: Submitted → Draft, with the reasons the owner reads in the editor.</summary>
    public Task<Result<AuthoringSaved>> RejectAsync(int adminId, int courseId, int version, string reasons, CancellationToken ct = default) =>
        TransitionAsync(adminId, courseId, version, adminOnly: true, (w, now) =>
        {
            if (string.IsNullOrWhiteSpace(reasons)) return AuthoringErrors.ReasonsRequired;
            if (CourseRules.CheckNote(reasons.Trim()) is { } error) return error;
            if (!w.Course.CanReject) return AuthoringErrors.WrongState;
            w.Course.Reject(w.UserId, reasons, now);
            return null;
        }, ct);

    private readonly record struct Transition(Course Course, int UserId);

    private Task<Result<AuthoringSaved>> TransitionAsync(int userId, int courseId, int version, bool adminOnly,
        Func<Transition, DateTime, Error?> change, CancellationToken ct) =>
        // Quizzes are loaded so that the submission check sees their questions.
        WriteAsync(userId, courseId, version, adminOnly, withQuizzes: true,
            w => Task.FromResult(change(new Transition(w.Course, userId), w.Now)), ct);
}
