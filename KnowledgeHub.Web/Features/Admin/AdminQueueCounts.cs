using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Orders;

namespace KnowledgeHub.Web.Features.Admin;

/// <summary>What waits for the admins: submitted courses, pending applications to teach and learners' refund requests (the dashboard's shortcut badges).</summary>
public sealed record AdminQueueCounts(int Courses, int Applications, int Refunds = 0)
{
    public static async Task<AdminQueueCounts> LoadAsync(CourseAuthoringService reviews, InstructorApplicationService applications, int adminId,
        OrderQueries? orders = null)
    {
        var courses = await reviews.GetReviewQueueAsync(adminId, CancellationToken.None);
        var pending = await applications.GetPendingAsync(adminId, CancellationToken.None);
        var refunds = orders is null ? null : await orders.RefundRequestsAsync(adminId, CancellationToken.None);
        return new AdminQueueCounts(courses.Value?.Count ?? 0, pending.Value?.Count ?? 0, refunds?.Count ?? 0);
    }
}
