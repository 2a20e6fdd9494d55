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
    /// <summary>Set when a refund ended access. Revoked enrolments are hidden by a query filter everywhere; the row (and the
    /// progress) stays, and buying the course again restores it.</summary>
    public DateTime? RevokedUtc { get; private set; }
    public bool IsActive => RevokedUtc is null;

    public void Revoke(DateTime nowUtc) => RevokedUtc ??= nowUtc;

    /// <summary>The learner bought the course again after a refund.</summary>
    public void Restore(int? orderId, DateTime nowUtc)
    {
        if (RevokedUtc is null) return;
        RevokedUtc = null;
        OrderId = orderId;
        EnrolledUtc = nowUtc;
    }

    public void RecordProgress(int percent, DateTime nowUtc)
    {
        ProgressPercent = Math.Clamp(percent, ProgressPercent, 100);
        LastActivityUtc = nowUtc;
        if (ProgressPercent == 100) CompletedUtc ??= nowUtc;
    }
}
