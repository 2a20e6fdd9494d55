namespace KnowledgeHub.Domain.Wishlist;

/// <summary>A course a user saved for later (a unique index keeps it to one per user and course).</summary>
public sealed class WishlistItem
{
    private WishlistItem() { }

    public WishlistItem(int userId, int courseId, DateTime addedUtc)
    {
        UserId = userId;
        CourseId = courseId;
        AddedUtc = addedUtc;
    }

    public int Id { get; private set; }
    public int UserId { get; private set; }
    public int CourseId { get; private set; }
    public DateTime AddedUtc { get; private set; }
}
