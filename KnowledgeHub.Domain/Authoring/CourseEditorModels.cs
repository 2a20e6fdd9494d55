using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>A new draft: its id, the slug made from the title, and the version the editor starts from.</summary>
public sealed record CourseCreated(int CourseId, string Slug, int Version);

/// <summary>
/// What a saved authoring change returns: the course's new <see cref="Version"/> (pass it with the next change),
/// the id of a section or lesson it created, and the storage keys of files it let go (deleted lessons' media, a replaced
/// file or cover), for the caller to delete from the file store now that the database no longer points at them.
/// </summary>
public sealed record AuthoringSaved(int CourseId, int Version, int? CreatedId, IReadOnlyList<string> ReleasedFileKeys);

/// <summary>Everything the course editor shows: basics, curriculum, status history and what the viewer may do.</summary>
public sealed record CourseEditorModel(
    int Id, int Version, CourseStatus Status, CourseBasics Basics, string CoverStyle, string? CoverImageKey,
    int InstructorId, string InstructorName, DateTime CreatedUtc, DateTime UpdatedUtc, DateTime? PublishedUtc,
    int LessonCount, int TotalDurationSeconds,
    IReadOnlyList<SectionEditorModel> Sections, IReadOnlyList<StatusChangeModel> History, IReadOnlyList<CourseGap> Gaps,
    CourseEditorActions Actions)
{
    /// <summary>The admin's reasons of the last rejection, while the course is back in Draft because of it.</summary>
    public string? LastRejectionReasons =>
        Status == CourseStatus.Draft && History.Count > 0 && History[^1] is { From: CourseStatus.Submitted, To: CourseStatus.Draft } last
        && last.ByUserId != InstructorId && last.Note.Length > 0 ? last.Note : null;
}

public sealed record SectionEditorModel(int Id, string Title, int Order, IReadOnlyList<LessonEditorModel> Lessons);

/// <summary>A lesson in the editor. <see cref="Quiz"/> is set for quiz lessons only; <see cref="Media"/> for an attached video or file.</summary>
public sealed record LessonEditorModel(
    int Id, string Title, LessonKind Kind, int Order, bool IsPreview, int DurationSeconds, string Body,
    StoredFile? Media, QuizDraft? Quiz, bool HasContent);

/// <summary>One workflow transition, with the name of who made it (empty once the account is deleted).</summary>
public sealed record StatusChangeModel(CourseStatus From, CourseStatus To, int? ByUserId, string ByName, string Note, DateTime OccurredUtc);

/// <summary>What the viewer may do now (the service checks again on every call).</summary>
public sealed record CourseEditorActions(
    bool IsOwner, bool IsAdmin, bool CanEdit, bool CanSubmit, bool CanWithdraw, bool CanUnlist, bool CanArchive, bool CanRelist,
    bool CanApprove, bool CanReject);

/// <summary>A course waiting in the admins' review queue.</summary>
public sealed record ReviewQueueItem(
    int CourseId, string Slug, string Title, int InstructorId, string InstructorName, string CategoryNameZh, string CategoryNameEn,
    int LessonCount, int TotalDurationSeconds, Money Price, int Version, DateTime? SubmittedUtc);
