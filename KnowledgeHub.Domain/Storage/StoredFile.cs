namespace KnowledgeHub.Domain.Storage;

/// <summary>
/// A file kept by the <c>IFileStore</c>: its storage key (opaque, never a user-supplied path), the name the uploader gave
/// it, its content type as checked from its bytes, and its length.
/// </summary>
public sealed record StoredFile(string Key, string FileName, string ContentType, long Length);

/// <summary>
/// Who may read a lesson's media or file: everyone for a free-preview lesson of a published course; otherwise learners
/// enrolled in the course, the course's instructor and admins. Returns the file when the user may read it, else null
/// (unknown lesson, no media, or no access: the caller answers 404 for all three).
/// </summary>
public interface ILessonMediaAccess
{
    Task<StoredFile?> FindReadableAsync(int lessonId, int? userId, CancellationToken ct);
}
