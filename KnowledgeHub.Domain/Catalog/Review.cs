using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>
/// One learner's rating of one course (a unique index keeps it to one; submitting again edits it). The text is plain
/// text: it is stored as typed (trimmed) and rendered as text, never as HTML. The course's instructor may reply once;
/// an admin may hide it, which takes it out of the public list and the course's rating at once.
/// </summary>
public sealed class Review
{
    public const int TextMaxLength = 2000;
    public const int ReplyMaxLength = 2000;

    private Review() { }

    public Review(int courseId, int learnerId, int rating, string text, DateTime createdUtc)
    {
        CourseId = courseId;
        LearnerId = learnerId;
        SetContent(rating, text);
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
    /// <summary>The course instructor's public answer, plain text; null until they reply.</summary>
    public string? InstructorReply { get; private set; }
    public DateTime? RepliedUtc { get; private set; }
    /// <summary>Hidden by an admin: out of the public list and the course's rating; the author still sees it.</summary>
    public bool IsHidden { get; private set; }
    public DateTime? HiddenUtc { get; private set; }

    public bool CanReply => InstructorReply is null;

    public static bool IsValidRating(int rating) => rating is >= 1 and <= 5;

    /// <summary>How review and reply texts are stored: trimmed, never null.</summary>
    public static string NormalizeText(string? text) => (text ?? "").Trim();

    public void Edit(int rating, string text, DateTime nowUtc)
    {
        SetContent(rating, text);
        UpdatedUtc = nowUtc;
    }

    public void Reply(string text, DateTime nowUtc)
    {
        if (!CanReply) throw new DomainException($"Review {Id} already has a reply.");
        var reply = NormalizeText(text);
        if (reply.Length is 0 or > ReplyMaxLength) throw new DomainException($"A reply is 1 to {ReplyMaxLength} characters.");
        InstructorReply = reply;
        RepliedUtc = nowUtc;
    }

    public void Hide(DateTime nowUtc)
    {
        if (IsHidden) return;
        IsHidden = true;
        HiddenUtc = nowUtc;
    }

    public void Unhide()
    {
        IsHidden = false;
        HiddenUtc = null;
    }

    private void SetContent(int rating, string text)
    {
        if (!IsValidRating(rating)) throw new DomainException("A rating is 1 to 5 stars.");
        var normalized = NormalizeText(text);
        if (normalized.Length > TextMaxLength) throw new DomainException($"A review is at most {TextMaxLength} characters.");
        Rating = rating;
        Text = normalized;
    }
}
