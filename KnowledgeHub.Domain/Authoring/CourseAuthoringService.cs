using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>
/// The course editor and the review workflow. Every method takes the acting user first and checks, here, that the user
/// owns the course or is an admin (another instructor's unpublished course is "not found", a published one "not allowed");
/// review operations are for admins only. Changes carry the <see cref="Course.Version"/> the editor loaded: a stale one
/// is refused with authoring.conflict instead of overwriting what another tab saved. Each change runs in one write
/// transaction (SQLite BEGIN IMMEDIATE), so the check and the save cannot interleave with another writer, and nothing is
/// saved when any check fails. Messages of failures are resource keys of Strings.
/// This file: create, the editor model, basics, cover and uploads; the curriculum and the workflow are in the partial files.
/// </summary>
public sealed partial class CourseAuthoringService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>A new draft owned by the caller, who must be an instructor. The slug comes from the title's ASCII words, else it is random.</summary>
    public async Task<Result<CourseCreated>> CreateCourseAsync(int userId, string title, int categoryId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsInstructorAsync(userId, ct)) return Fail<CourseCreated>(AuthoringErrors.NotInstructor);
        if (CourseRules.CheckTitle(title) is { } invalid) return Fail<CourseCreated>(invalid);
        title = title.Trim();
        var icon = await db.Categories.AsNoTracking().Where(c => c.Id == categoryId).Select(c => c.Icon).SingleOrDefaultAsync(ct);
        if (icon is null) return Fail<CourseCreated>(AuthoringErrors.CategoryUnknown);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var slug = await UniqueSlugAsync(db, CourseSlug.FromTitle(title) ?? CourseSlug.Random(), ct);
        var language = title.Any(IsCjk) || CourseSlug.FromTitle(title) is null ? SupportedCultures.Chinese : SupportedCultures.English;
        var course = new Course(slug, title, "", "", categoryId, userId, Money.Zero(), CourseLevel.Beginner, language, Now);
        course.Describe("", "", [], CoverArt.For(slug, icon));
        db.Courses.Add(course);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Fail<CourseCreated>(AuthoringErrors.SlugTaken);
        }
        await transaction.CommitAsync(ct);
        return Result.Ok(new CourseCreated(course.Id, course.Slug, course.Version));
    }

    /// <summary>The editor's model of the course: for its owner and admins only.</summary>
    public async Task<Result<CourseEditorModel>> GetEditorAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().AsSplitQuery()
            .Include(c => c.Sections).ThenInclude(s => s.Lessons).ThenInclude(l => l.Questions).ThenInclude(q => q.Options)
            .Include(c => c.StatusHistory)
            .SingleOrDefaultAsync(c => c.Id == courseId, ct);
        var access = await CheckAccessAsync(db, userId, course, ct);
        if (access.Error is { } error) return Fail<CourseEditorModel>(error);

        var userIds = course!.StatusHistory.Select(h => h.ByUserId).OfType<int>().Append(course.InstructorId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var sections = course.Sections.OrderBy(s => s.Order).Select(s => new SectionEditorModel(s.Id, s.Title, s.Order,
            s.Lessons.OrderBy(l => l.Order).Select(l => new LessonEditorModel(l.Id, l.Title, l.Kind, l.Order, l.IsPreview,
                l.DurationSeconds, l.Body, l.Media, l.ToQuizDraft(), l.HasContent)).ToList())).ToList();
        var history = course.StatusHistory.OrderBy(h => h.OccurredUtc).ThenBy(h => h.Id)
            .Select(h => new StatusChangeModel(h.From, h.To, h.ByUserId, h.ByUserId is { } by ? names.GetValueOrDefault(by, "") : "",
                h.Note, h.OccurredUtc)).ToList();
        var actions = new CourseEditorActions(access.IsOwner, access.IsAdmin, course.CanEdit, course.CanSubmit, course.CanWithdraw,
            course.CanUnlist, course.CanArchive, course.CanRelist, access.IsAdmin && course.CanApprove, access.IsAdmin && course.CanReject);
        return Result.Ok(new CourseEditorModel(course.Id, course.Version, course.Status, course.Basics, course.CoverStyle, course.CoverImageKey,
            course.InstructorId, names.GetValueOrDefault(course.InstructorId, ""), course.CreatedUtc, course.UpdatedUtc, course.PublishedUtc,
            sections.Sum(s => s.Lessons.Count), sections.Sum(s => s.Lessons.Sum(l => l.DurationSeconds)),
            sections, history, course.SubmissionGaps(), actions));
    }

    /// <summary>Title, subtitle, slug, Markdown texts, category, tags, level, language and price. Existing orders keep their prices.</summary>
    public Task<Result<AuthoringSaved>> SaveBasicsAsync(int userId, int courseId, int version, CourseBasics basics, CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, async w =>
        {
            var normalized = basics.Normalized();
            if (normalized.Validate() is { } error) return error;
            if (!await w.Db.Categories.AnyAsync(c => c.Id == normalized.CategoryId, ct)) return AuthoringErrors.CategoryUnknown;
            if (normalized.Slug != w.Course.Slug && await w.Db.Courses.AnyAsync(c => c.Slug == normalized.Slug && c.Id != w.Course.Id, ct))
                return AuthoringErrors.SlugTaken;
            w.Course.EditBasics(normalized, w.Now);
            return null;
        }, ct);

    /// <summary>
    /// Sets the uploaded cover (a storage key; null goes back to the generated art). The replaced key is released. Pass the
    /// version to refuse a stale editor, or null after a long upload that should not fail on an autosave in between.
    /// </summary>
    public Task<Result<AuthoringSaved>> SetCoverAsync(int userId, int courseId, int? version, string? coverImageKey, CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w =>
        {
            if (coverImageKey is not null && (string.IsNullOrWhiteSpace(coverImageKey) || coverImageKey.Length > Course.CoverKeyMaxLength))
                return Task.FromResult<Error?>(AuthoringErrors.CoverInvalid);
            if (w.Course.SetCover(coverImageKey, w.Now) is { } replaced) w.Released.Add(replaced);
            return Task.FromResult<Error?>(null);
        }, ct);

    /// <summary>
    /// Before an upload is streamed to storage: may the user attach a file to this lesson now? Returns the lesson's kind
    /// (Video or File) so the endpoint can apply the matching type and size rules.
    /// </summary>
    public async Task<Result<LessonKind>> CheckLessonUploadAsync(int userId, int courseId, int lessonId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, ct);
        if ((await CheckAccessAsync(db, userId, course, ct)).Error is { } error) return Fail<LessonKind>(error);
        if (!course!.CanEdit) return Fail<LessonKind>(AuthoringErrors.WrongState);
        var kind = await db.Lessons.AsNoTracking()
            .Where(l => l.Id == lessonId && db.Sections.Any(s => s.Id == l.SectionId && s.CourseId == courseId))
            .Select(l => (LessonKind?)l.Kind).SingleOrDefaultAsync(ct);
        if (kind is null) return Fail<LessonKind>(AuthoringErrors.ItemNotFound);
        if (kind is not (LessonKind.Video or LessonKind.File)) return Fail<LessonKind>(AuthoringErrors.KindMismatch);
        return Result.Ok(kind.Value);
    }

    /// <summary>
    /// Attaches the stored video or download to the lesson, replacing (and releasing) the previous one. Version as in
    /// <see cref="SetCoverAsync"/>. On failure the caller deletes the file it stored: nothing points at it.
    /// </summary>
    public Task<Result<AuthoringSaved>> AttachLessonFileAsync(int userId, int courseId, int? version, int lessonId, Storage.StoredFile file,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson) return Task.FromResult<Error?>(AuthoringErrors.ItemNotFound);
            if (!lesson.HasMedia) return Task.FromResult<Error?>(AuthoringErrors.KindMismatch);
            if (CourseRules.CheckFile(file) is { } error) return Task.FromResult<Error?>(error);
            if (w.Course.AttachLessonMedia(lesson, file, w.Now) is { } replaced) w.Released.Add(replaced.Key);
            return Task.FromResult<Error?>(null);
        }, ct);

    // Shared ---------------------------------------------------------------------------------------------------------

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static Result<T> Fail<T>(Error error) => Result<T>.Fail(error.Code, error.Message);

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    private readonly record struct Access(Error? Error, bool IsOwner, bool IsAdmin);

    /// <summary>Owner or admin may; others get "not found" for a course they cannot see and "not allowed" for a published one.</summary>
    private static async Task<Access> CheckAccessAsync(KnowledgeHubDbContext db, int userId, Course? course, CancellationToken ct)
    {
        if (course is null) return new(AuthoringErrors.NotFound, false, false);
        var isAdmin = await db.IsAdminAsync(userId, ct);
        var isOwner = course.InstructorId == userId;
        if (isOwner || isAdmin) return new(null, isOwner, isAdmin);
        return new(course.Status == CourseStatus.Published ? AuthoringErrors.Forbidden : AuthoringErrors.NotFound, false, false);
    }

    private static async Task<string> UniqueSlugAsync(KnowledgeHubDbContext db, string baseSlug, CancellationToken ct)
    {
        var prefix = baseSlug + "-";
        var taken = (await db.Courses.Where(c => c.Slug == baseSlug || c.Slug.StartsWith(prefix)).Select(c => c.Slug).ToListAsync(ct)).ToHashSet();
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
            if (!taken.Contains(prefix + n)) return prefix + n;
    }

    /// <summary>What a change sees: the store, the tracked course (curriculum loaded), the time, and what it created or released.</summary>
    private sealed class Write(KnowledgeHubDbContext db, Course course, DateTime now, bool isAdmin)
    {
        public KnowledgeHubDbContext Db { get; } = db;
        public Course Course { get; } = course;
        public DateTime Now { get; } = now;
        public bool IsAdmin { get; } = isAdmin;
        public object? Created { get; set; }
        public List<string> Released { get; } = [];
    }

    /// <summary>A change of basics or curriculum: only while the course can be edited.</summary>
    private Task<Result<AuthoringSaved>> EditAsync(int userId, int courseId, int? version, Func<Write, Task<Error?>> change, CancellationToken ct,
        bool withQuizzes = false) =>
        WriteAsync(userId, courseId, version, adminOnly: false, withQuizzes,
            w => w.Course.CanEdit ? change(w) : Task.FromResult<Error?>(AuthoringErrors.WrongState), ct);

    /// <summary>
    /// The one path of every change: permission, version, the change (which may refuse), then one save in one write
    /// transaction. A refusal leaves the database as it was.
    /// </summary>
    private async Task<Result<AuthoringSaved>> WriteAsync(int userId, int courseId, int? version, bool adminOnly, bool withQuizzes,
        Func<Write, Task<Error?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (adminOnly && !await db.IsAdminAsync(userId, ct)) return Fail<AuthoringSaved>(AuthoringErrors.Forbidden);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        IQueryable<Course> courses = db.Courses.AsSplitQuery();
        courses = withQuizzes
            ? courses.Include(c => c.Sections).ThenInclude(s => s.Lessons).ThenInclude(l => l.Questions).ThenInclude(q => q.Options)
            : courses.Include(c => c.Sections).ThenInclude(s => s.Lessons);
        var course = await courses.SingleOrDefaultAsync(c => c.Id == courseId, ct);
        var access = await CheckAccessAsync(db, userId, course, ct);
        if (access.Error is { } denied) return Fail<AuthoringSaved>(denied);
        if (version is { } expected && course!.Version != expected) return Fail<AuthoringSaved>(AuthoringErrors.Conflict);

        var write = new Write(db, course!, Now, access.IsAdmin);
        if (await change(write) is { } refused) return Fail<AuthoringSaved>(refused);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Fail<AuthoringSaved>(AuthoringErrors.Conflict);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Fail<AuthoringSaved>(AuthoringErrors.SlugTaken);
        }
        await transaction.CommitAsync(ct);
        var createdId = write.Created switch { Section s => s.Id, Lesson l => l.Id, _ => (int?)null };
        return Result.Ok(new AuthoringSaved(course!.Id, course.Version, createdId, write.Released));
    }
}
