using KnowledgeHub.Domain.Authoring;

namespace KnowledgeHub.Web.Features.Admin;

/// <summary>What waits for the admins: submitted courses and pending applications to teach (the dashboard's shortcut badges).</summary>
public sealed record AdminQueueCounts(int Courses, int Applications)
{
    public static async Task<AdminQueueCounts> LoadAsync(CourseAuthoringService reviews, InstructorApplicationService applications, int adminId)
    {
        var courses = await reviews.GetReviewQueueAsync(adminId, CancellationToken.None);
        var pending = await applications.GetPendingAsync(adminId, CancellationToken.None);
        return new AdminQueueCounts(courses.Value?.Count ?? 0, pending.Value?.Count ?? 0);
    }
}
