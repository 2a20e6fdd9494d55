using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>A course: the thing learners buy. Curriculum is sections of lessons.</summary>
public sealed class Course
{
    public const int TitleMaxLength = 120;
    private readonly List<Section> sections = [];

    private Course() { }

    public Course(string slug, string title, string subtitle, string description, int categoryId, int instructorId,
        Money price, CourseLevel level, string language, DateTime createdUtc)
    {
        if (string.IsNullOrWhiteSpace(slug)) throw new DomainException("A course needs a slug.");
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A course needs a title.");
        if (price.MinorUnits < 0) throw new DomainException("A price cannot be negative.");
        Slug = slug;
        Title = title;
        Subtitle = subtitle;
        Description = description;
        CategoryId = categoryId;
        InstructorId = instructorId;
        Price = price;
        Level = level;
        Language = language;
        CreatedUtc = createdUtc;
        UpdatedUtc = createdUtc;
    }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Subtitle { get; private set; } = "";
    /// <summary>Markdown.</summary>
    public string Description { get; private set; } = "";
    /// <summary>Markdown bullet list of outcomes.</summary>
    public string WhatYouWillLearn { get; private set; } = "";
    public string Requirements { get; private set; } = "";
    /// <summary>Comma-separated tags.</summary>
    public string Tags { get; private set; } = "";
    public string Language { get; private set; } = SupportedCultures.Chinese;
    public CourseLevel Level { get; private set; }
    public Money Price { get; private set; } = Money.Zero();
    public CourseStatus Status { get; private set; } = CourseStatus.Draft;
    /// <summary>Two colours and an icon for the generated cover art; uploads replace it later.</summary>
    public string CoverStyle { get; private set; } = "";
    public int CategoryId { get; private set; }
    public Category? Category { get; private set; }
    public int InstructorId { get; private set; }
    public ApplicationUser? Instructor { get; private set; }
    public double RatingAverage { get; private set; }
    public int RatingCount { get; private set; }
    public int EnrollmentCount { get; private set; }
    public int TotalDurationSeconds { get; private set; }
    public int LessonCount { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime UpdatedUtc { get; private set; }
    public DateTime? PublishedUtc { get; private set; }
    public IReadOnlyList<Section> Sections => sections;

    public bool IsFree => Price.IsZero;
    public bool IsPublic => Status == CourseStatus.Published;

    public void Describe(string whatYouWillLearn, string requirements, IEnumerable<string> tags, string coverStyle)
    {
        WhatYouWillLearn = whatYouWillLearn;
        Requirements = requirements;
        Tags = string.Join(',', tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct());
        CoverStyle = coverStyle;
    }

    public Section AddSection(string title)
    {
        var section = new Section(title, sections.Count + 1);
        sections.Add(section);
        return section;
    }

    /// <summary>Recomputes the cached totals from the curriculum.</summary>
    public void RefreshTotals()
    {
        LessonCount = sections.Sum(s => s.Lessons.Count);
        TotalDurationSeconds = sections.Sum(s => s.Lessons.Sum(l => l.DurationSeconds));
    }

    public void Publish(DateTime nowUtc)
    {
        if (LessonCount == 0) throw new DomainException($"Course {Slug} has no lessons to publish.");
        Status = CourseStatus.Published;
        PublishedUtc ??= nowUtc;
        UpdatedUtc = nowUtc;
    }

    public void SetRatingSummary(double average, int count)
    {
        if (count < 0 || average is < 0 or > 5) throw new DomainException("Rating summary out of range.");
        RatingAverage = count == 0 ? 0 : Math.Round(average, 2);
        RatingCount = count;
    }

    public void SetEnrollmentCount(int count) => EnrollmentCount = count >= 0 ? count : throw new DomainException("Negative enrolment count.");
}
