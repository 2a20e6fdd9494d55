using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>One learner's rating of one course (a unique index keeps it to one).</summary>
public sealed class Review
{
    private Review() { }

    public Review(int courseId, int learnerId, int rating, string text, DateTime createdUtc)
    {
        if (rating is < 1 or > 5) throw new DomainException("A rating is 1 to 5 stars.");
        CourseId = courseId;
        LearnerId = learnerId;
        Rating = rating;
        Text = text;
        CreatedUtc = createdUtc;
        UpdatedUtc = createdUtc;
    }

    public int Id { get; private set; }
    public int CourseId { get; private set; }
    public int LearnerId { get; private set; }
    public int Rating { get; private set; }
    public string Text { get; private set; } = "";
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
}
