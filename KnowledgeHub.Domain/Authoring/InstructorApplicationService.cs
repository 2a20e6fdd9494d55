using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

public sealed record InstructorApplicationModel(
    int Id, int UserId, string DisplayName, string Email, string Bio, string Expertise, string? SampleUrl,
    InstructorApplicationStatus Status, DateTime SubmittedUtc, DateTime? DecidedUtc, string? DeclineReason);

/// <summary>What the "teach with us" page shows the signed-in user: whether they teach already and their latest application.</summary>
public sealed record InstructorApplicationState(bool IsInstructor, InstructorApplicationModel? Latest)
{
    public bool CanApply => !IsInstructor && Latest?.Status != InstructorApplicationStatus.Pending;
}

/// <summary>
/// Applications to teach: a signed-in user who does not teach yet applies (one open application at a time); admins list
/// the pending ones, approve (which grants the Instructor role) or decline with a reason, or grant the role directly.
/// Every method checks the acting user here. The new role reaches the user's sign-in cookie when it is next refreshed.
/// </summary>
public sealed class InstructorApplicationService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    private static readonly Error Forbidden = new("application.forbidden", "ApplicationForbidden");
    private static readonly Error NotFound = new("application.not_found", "ApplicationNotFound");
    private static readonly Error NotPending = new("application.not_pending", "ApplicationNotPending");
    private static readonly Error AlreadyOpen = new("application.already_open", "ApplicationAlreadyOpen");
    private static readonly Error AlreadyInstructor = new("application.already_instructor", "ApplicationAlreadyInstructor");
    private static readonly Error UserNotFound = new("application.user_not_found", "ApplicationUserNotFound");

    /// <summary>Applies to teach; the value is the application's id.</summary>
    public async Task<Result<int>> ApplyAsync(int userId, string bio, string expertise, string? sampleUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return Fail<int>(UserNotFound);
        if (await db.IsInstructorAsync(userId, ct)) return Fail<int>(AlreadyInstructor);
        if (InstructorApplication.Check(bio, expertise, sampleUrl) is { } invalid) return Fail<int>(invalid);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.InstructorApplications.AnyAsync(a => a.UserId == userId && a.Status == InstructorApplicationStatus.Pending, ct))
            return Fail<int>(AlreadyOpen);
        var application = new InstructorApplication(userId, bio, expertise, sampleUrl, clock.GetUtcNow().UtcDateTime);
        db.InstructorApplications.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Fail<int>(AlreadyOpen);
        }
        await transaction.CommitAsync(ct);
        return Result.Ok(application.Id);
    }

    /// <summary>The signed-in user's own state: teaching already, and the latest application with its decision.</summary>
    public async Task<InstructorApplicationState> GetMineAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await Project(db, db.InstructorApplications.Where(a => a.UserId == userId), newestFirst: true).FirstOrDefaultAsync(ct);
        return new InstructorApplicationState(await db.IsInstructorAsync(userId, ct), latest);
    }

    /// <summary>Admins: pending applications, oldest first.</summary>
    public async Task<Result<IReadOnlyList<InstructorApplicationModel>>> GetPendingAsync(int adminId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Fail<IReadOnlyList<InstructorApplicationModel>>(Forbidden);
        var pending = await Project(db, db.InstructorApplications.Where(a => a.Status == InstructorApplicationStatus.Pending), newestFirst: false)
            .ToListAsync(ct);
        return Result.Ok<IReadOnlyList<InstructorApplicationModel>>(pending);
    }

    /// <summary>Admins: approves a pending application and grants the Instructor role.</summary>
    public async Task<Result> ApproveAsync(int adminId, int applicationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Fail(Forbidden);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.InstructorApplications.SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return Fail(NotFound);
        if (!application.IsPending) return Fail(NotPending);

        var now = clock.GetUtcNow().UtcDateTime;
        application.Approve(adminId, now);
        await MakeInstructorAsync(db, application.UserId, application.Bio, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Admins: declines a pending application with a reason the applicant sees.</summary>
    public async Task<Result> DeclineAsync(int adminId, int applicationId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Fail(Forbidden);
        if (InstructorApplication.CheckReason(reason) is { } invalid) return Fail(invalid);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var application = await db.InstructorApplications.SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null) return Fail(NotFound);
        if (!application.IsPending) return Fail(NotPending);

        application.Decline(adminId, reason, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Admins: grants the Instructor role without an application (a pending one is approved with it).</summary>
    public async Task<Result> GrantInstructorAsync(int adminId, int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Fail(Forbidden);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) return Fail(UserNotFound);
        var pending = await db.InstructorApplications
            .SingleOrDefaultAsync(a => a.UserId == userId && a.Status == InstructorApplicationStatus.Pending, ct);
        pending?.Approve(adminId, clock.GetUtcNow().UtcDateTime);
        await MakeInstructorAsync(db, userId, pending?.Bio, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>The role row, plus what an instructor's public page needs: a slug, and the application's bio when the profile has none.</summary>
    private static async Task MakeInstructorAsync(KnowledgeHubDbContext db, int userId, string? bio, CancellationToken ct)
    {
        await db.GrantRoleAsync(userId, Roles.Instructor, ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (string.IsNullOrWhiteSpace(user.Bio) && !string.IsNullOrWhiteSpace(bio)) user.Bio = bio.Trim();
        if (string.IsNullOrWhiteSpace(user.Slug))
        {
            var slug = CourseSlug.FromTitle(user.DisplayName) is { Length: <= 60 } fromName ? fromName : $"instructor-{userId}";
            if (await db.Users.AnyAsync(u => u.Slug == slug && u.Id != userId, ct)) slug = $"{slug}-{userId}";
            user.Slug = slug;
        }
    }

    private static IQueryable<InstructorApplicationModel> Project(KnowledgeHubDbContext db, IQueryable<InstructorApplication> applications,
        bool newestFirst)
    {
        var joined = from a in applications.AsNoTracking()
                     join u in db.Users.AsNoTracking() on a.UserId equals u.Id
                     select new { a, u.DisplayName, u.Email };
        joined = newestFirst
            ? joined.OrderByDescending(x => x.a.SubmittedUtc).ThenByDescending(x => x.a.Id)
            : joined.OrderBy(x => x.a.SubmittedUtc).ThenBy(x => x.a.Id);
        return joined.Select(x => new InstructorApplicationModel(x.a.Id, x.a.UserId, x.DisplayName, x.Email ?? "", x.a.Bio, x.a.Expertise,
            x.a.SampleUrl, x.a.Status, x.a.SubmittedUtc, x.a.DecidedUtc, x.a.DeclineReason));
    }

    private static Result Fail(Error error) => Result.Fail(error.Code, error.Message);

    private static Result<T> Fail<T>(Error error) => Result<T>.Fail(error.Code, error.Message);
}
