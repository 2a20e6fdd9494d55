namespace KnowledgeHub.Domain.Learning;

/// <summary>Access of one learner to one course (a unique index keeps it to one).</summary>
public sealed class Enrollment
{
    private Enrollment() { }

    public Enrollment(int learnerId, int courseId, DateTime enrolledUtc, int? orderId)
    {
        LearnerId = learnerId;
        CourseId = courseId;
        EnrolledUtc = enrolledUtc;
        OrderId = orderId;
    }

    public int Id { get; private set; }
    public int LearnerId { get; private set; }
    public int CourseId { get; private set; }
    public int? OrderId { get; private set; }
    public DateTime EnrolledUtc { get; private set; }
    /// <summary>0 to 100.</summary>
    public int ProgressPercent { get; private set; }
    public DateTime? LastActivityUtc { get; private set; }
    public DateTime? CompletedUtc { get; private set; }

    public void RecordProgress(int percent, DateTime nowUtc)
    {
        ProgressPercent = Math.Clamp(percent, ProgressPercent, 100);
        LastActivityUtc = nowUtc;
        if (ProgressPercent == 100) CompletedUtc ??= nowUtc;
    }
}
