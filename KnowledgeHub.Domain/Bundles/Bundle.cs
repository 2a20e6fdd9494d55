using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Bundles;

/// <summary>
/// A course bundle (课程包): several courses at one price. Buying it enrols in all of them. Courses the buyer already
/// owns are priced out: the buyer pays the bundle price times the remaining courses' share of the list prices.
/// </summary>
public sealed class Bundle
{
    public const int TitleMaxLength = 120, DescriptionMaxLength = 2000, SlugMaxLength = 80, MinCourses = 2, MaxCourses = 20;

    private readonly List<BundleCourse> courses = [];

    private Bundle() { }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public Money Price { get; private set; } = Money.Zero();
    /// <summary>The instructor (or admin) who made it; instructors bundle only their own courses.</summary>
    public int OwnerId { get; private set; }
    public bool IsPublished { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public IReadOnlyList<BundleCourse> Courses => courses;

    public static Bundle Create(string slug, string title, string description, Money price, IReadOnlyList<int> courseIds, int ownerId, DateTime nowUtc)
    {
        var bundle = new Bundle { Slug = slug, OwnerId = ownerId, CreatedUtc = nowUtc };
        bundle.Update(title, description, price, courseIds, nowUtc);
        return bundle;
    }

    public void Update(string title, string description, Money price, IReadOnlyList<int> courseIds, DateTime nowUtc)
    {
        title = title.Trim();
        if (title.Length is 0 or > TitleMaxLength) throw new DomainException("A bundle needs a title of at most 120 characters.");
        if (description.Length > DescriptionMaxLength) throw new DomainException("The description is too long.");
        if (price.MinorUnits <= 0) throw new DomainException("A bundle needs a price above zero.");
        var ids = courseIds.Distinct().ToList();
        if (ids.Count is < MinCourses or > MaxCourses) throw new DomainException("A bundle holds 2 to 20 courses.");
        Title = title;
        Description = description.Trim();
        Price = price;
        courses.Clear();
        for (var i = 0; i < ids.Count; i++) courses.Add(new BundleCourse(ids[i], i));
        UpdatedUtc = nowUtc;
    }

    public void SetPublished(bool published, DateTime nowUtc)
    {
        IsPublished = published;
        UpdatedUtc = nowUtc;
    }
}

public sealed class BundleCourse
{
    private BundleCourse() { }
    internal BundleCourse(int courseId, int position)
    {
        CourseId = courseId;
        Position = position;
    }
    public int BundleId { get; private set; }
    public int CourseId { get; private set; }
    public int Position { get; private set; }
}
