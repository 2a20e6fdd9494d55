namespace KnowledgeHub.Domain.Orders;

/// <summary>A course or a bundle in a signed-in learner's cart (exactly one of the two ids is set).</summary>
public sealed class CartItem
{
    public const int MaxItems = 30;

    private CartItem() { }

    public static CartItem ForCourse(int userId, int courseId, DateTime nowUtc) => new() { UserId = userId, CourseId = courseId, AddedUtc = nowUtc };
    public static CartItem ForBundle(int userId, int bundleId, DateTime nowUtc) => new() { UserId = userId, BundleId = bundleId, AddedUtc = nowUtc };

    public int Id { get; private set; }
    public int UserId { get; private set; }
    public int? CourseId { get; private set; }
    public int? BundleId { get; private set; }
    public DateTime AddedUtc { get; private set; }
}
