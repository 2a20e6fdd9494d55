using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>The curriculum builder: sections and lessons, their order, lesson details and quizzes.</summary>
public sealed partial class CourseAuthoringService
{
    /// <summary>Adds a section at the end; <see cref="AuthoringSaved.CreatedId"/> is its id.</summary>
    public Task<Result<AuthoringSaved>> AddSectionAsync(int userId, int courseId, int version, string title, CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (CourseRules.CheckName(title) is { } error) return error;
            if (w.Course.Sections.Count >= Course.MaxSections) return AuthoringErrors.TooManyItems;
            w.Created = w.Course.AddSection(title, w.Now);
            return null;
        }), ct);

    public Task<Result<AuthoringSaved>> RenameSectionAsync(int userId, int courseId, int version, int sectionId, string title,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindSection(sectionId) is not { } section) return AuthoringErrors.ItemNotFound;
            if (CourseRules.CheckName(title) is { } error) return error;
            w.Course.RenameSection(section, title, w.Now);
            return null;
        }), ct);

    /// <summary>Deletes the section with its lessons (the media of those lessons is released). A public course keeps at least one lesson.</summary>
    public Task<Result<AuthoringSaved>> DeleteSectionAsync(int userId, int courseId, int version, int sectionId, CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindSection(sectionId) is not { } section) return AuthoringErrors.ItemNotFound;
            if (!w.Course.CanRemoveLessons(section.Lessons.Count)) return AuthoringErrors.LastLesson;
            w.Released.AddRange(w.Course.RemoveSection(section, w.Now).Select(f => f.Key));
            return null;
        }), ct);

    /// <summary>Moves the section to a 1-based position; the others close up so orders stay 1..n.</summary>
    public Task<Result<AuthoringSaved>> MoveSectionAsync(int userId, int courseId, int version, int sectionId, int position,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindSection(sectionId) is not { } section) return AuthoringErrors.ItemNotFound;
            if (position < 1 || position > w.Course.Sections.Count) return AuthoringErrors.PositionInvalid;
            w.Course.MoveSection(section, position, w.Now);
            return null;
        }), ct);

    /// <summary>Adds an empty lesson of the kind at the end of the section; <see cref="AuthoringSaved.CreatedId"/> is its id.</summary>
    public Task<Result<AuthoringSaved>> AddLessonAsync(int userId, int courseId, int version, int sectionId, string title, LessonKind kind,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindSection(sectionId) is not { } section) return AuthoringErrors.ItemNotFound;
            if (CourseRules.CheckName(title) is { } error) return error;
            if (!Enum.IsDefined(kind)) return AuthoringErrors.KindMismatch;
            if (section.Lessons.Count >= Section.MaxLessons) return AuthoringErrors.TooManyItems;
            w.Created = w.Course.AddLesson(section, title, kind, w.Now);
            return null;
        }), ct);

    public Task<Result<AuthoringSaved>> RenameLessonAsync(int userId, int courseId, int version, int lessonId, string title,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson) return AuthoringErrors.ItemNotFound;
            if (CourseRules.CheckName(title) is { } error) return error;
            w.Course.RenameLesson(lesson, title, w.Now);
            return null;
        }), ct);

    /// <summary>Deletes the lesson (its media is released). A public course keeps at least one lesson.</summary>
    public Task<Result<AuthoringSaved>> DeleteLessonAsync(int userId, int courseId, int version, int lessonId, CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson) return AuthoringErrors.ItemNotFound;
            if (!w.Course.CanRemoveLessons(1)) return AuthoringErrors.LastLesson;
            if (w.Course.RemoveLesson(lesson, w.Now) is { } media) w.Released.Add(media.Key);
            return null;
        }), ct);

    /// <summary>
    /// Moves the lesson to a 1-based position in a section of the same course (its own or another: drag and drop across
    /// sections). Both sections keep orders 1..n.
    /// </summary>
    public Task<Result<AuthoringSaved>> MoveLessonAsync(int userId, int courseId, int version, int lessonId, int targetSectionId, int position,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson || w.Course.FindSection(targetSectionId) is not { } target)
                return AuthoringErrors.ItemNotFound;
            var sameSection = lesson.SectionId == target.Id;
            var max = sameSection ? target.Lessons.Count : target.Lessons.Count + 1;
            if (position < 1 || position > max) return AuthoringErrors.PositionInvalid;
            if (!sameSection && target.Lessons.Count >= Section.MaxLessons) return AuthoringErrors.TooManyItems;
            w.Course.MoveLesson(lesson, target, position, w.Now);
            return null;
        }), ct);

    /// <summary>Title, free-preview flag, duration in seconds and, for an article, its Markdown body.</summary>
    public Task<Result<AuthoringSaved>> SaveLessonAsync(int userId, int courseId, int version, int lessonId, LessonDetails details,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson) return AuthoringErrors.ItemNotFound;
            var normalized = details.Normalized();
            if (normalized.Validate(lesson.Kind) is { } error) return error;
            w.Course.EditLesson(lesson, normalized, w.Now);
            return null;
        }), ct);

    /// <summary>Replaces the quiz of a quiz lesson: pass mark and questions (single choice: one right option; multiple: at least one).</summary>
    public Task<Result<AuthoringSaved>> SaveQuizAsync(int userId, int courseId, int version, int lessonId, QuizDraft quiz,
        CancellationToken ct = default) =>
        EditAsync(userId, courseId, version, w => Done(() =>
        {
            if (w.Course.FindLesson(lessonId) is not { } lesson) return AuthoringErrors.ItemNotFound;
            if (lesson.Kind != LessonKind.Quiz) return AuthoringErrors.KindMismatch;
            var normalized = quiz.Normalized();
            if (normalized.Validate() is { } error) return error;
            w.Course.SetQuiz(lesson, normalized, w.Now);
            return null;
        }), ct, withQuizzes: true);

    private static Task<Error?> Done(Func<Error?> change) => Task.FromResult(change());
}
