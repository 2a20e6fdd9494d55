namespace KnowledgeHub.Domain.Reviews;

/// <summary>A signed-in user flagged a review for the admins (a unique index keeps it to one per user and review).</summary>
public sealed class ReviewReport
{
    private ReviewReport() { }

    public ReviewReport(int reviewId, int reporterId, DateTime reportedUtc)
    {
        ReviewId = reviewId;
        ReporterId = reporterId;
        ReportedUtc = reportedUtc;
    }

    public int Id { get; private set; }
    public int ReviewId { get; private set; }
    public int ReporterId { get; private set; }
    public DateTime ReportedUtc { get; private set; }
}
