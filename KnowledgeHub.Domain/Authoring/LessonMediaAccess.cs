using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Authoring;

/// <summary>
/// Who may read a lesson's video or file: anyone for a free-preview lesson of a published course; otherwise learners
/// enrolled in the course (whatever its status now: they keep what they bought), its instructor and admins.
/// </summary>
public sealed class LessonMediaAccess(IDbContextFactory<KnowledgeHubDbContext> dbFactory) : ILessonMediaAccess
{
    public async Task<StoredFile?> FindReadableAsync(int lessonId, int? userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (from l in db.Lessons.AsNoTracking()
                         join s in db.Sections.AsNoTracking() on l.SectionId equals s.Id
                         join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                         where l.Id == lessonId && l.MediaKey != null
                         select new { c.Id, c.Status, c.InstructorId, l.IsPreview, l.MediaKey, l.MediaFileName, l.MediaContentType, l.MediaLength })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var file = new StoredFile(row.MediaKey!, row.MediaFileName ?? "", row.MediaContentType ?? "", row.MediaLength ?? 0);
        if (row.IsPreview && row.Status == CourseStatus.Published) return file;
        if (userId is not { } user) return null;
        if (row.InstructorId == user) return file;
        if (await db.Enrollments.AnyAsync(e => e.CourseId == row.Id && e.LearnerId == user, ct)) return file;
        return await db.IsAdminAsync(user, ct) ? file : null;
    }
}
