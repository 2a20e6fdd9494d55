using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>What a course still needs before its owner may submit it for review.</summary>
public enum CourseGap { Title, Subtitle, Description, Outcomes, Lessons, LessonContent }

/// <summary>
/// A course: the thing learners buy. Curriculum is sections of lessons. The course is the aggregate root of authoring:
/// every change to its basics, curriculum or status goes through a method here, which guards the state, keeps section
/// and lesson orders 1..n, refreshes the cached totals and raises <see cref="Version"/> (the optimistic concurrency token).
/// </summary>
public sealed class Course
{
    public const int TitleMaxLength = 120;
    public const int SubtitleMaxLength = 200;
    public const int SlugMaxLength = 120;
    public const int DescriptionMaxLength = 20_000;
    /// <summary>"What you will learn" and requirements.</summary>
    public const int ListMaxLength = 5_000;
    public const int MaxTags = 10;
    public const int TagMaxLength = 30;
    /// <summary>¥50,000.00: anything above is a typing mistake.</summary>
    public const long MaxPriceMinor = 5_000_000;
    public const int MaxSections = 100;
    public const int CoverKeyMaxLength = 200;

    private readonly List<Section> sections = [];
    private readonly List<CourseStatusChange> statusHistory = [];

    private Course() { }

    public Course(string slug, string title, string subtitle, string description, int categoryId, int instructorId,
        Money price, CourseLevel level, string language, DateTime createdUtc)
    {
        if (string.IsNullOrWhiteSpace(slug)) throw new DomainException("A course needs a slug.");
        if (string.IsNullOrWhiteSpace(title)) throw new DomainException("A course needs a title.");
        if (price.MinorUnits < 0) throw new DomainException("A price cannot be negative.");
        if (price.MinorUnits > MaxPriceMinor) throw new DomainException($"A price above {MaxPriceMinor} minor units is a mistake.");
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
    /// <summary>Two colours and an icon for the generated cover art, shown while there is no uploaded cover.</summary>
    public string CoverStyle { get; private set; } = "";
    /// <summary>Storage key of the uploaded cover image; null shows the generated art.</summary>
    public string? CoverImageKey { get; private set; }
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
    /// <summary>Optimistic concurrency token: raised by every authoring change (not by ratings or enrolment counts).</summary>
    public int Version { get; private set; }
    public IReadOnlyList<Section> Sections => sections;
    /// <summary>One row per workflow transition; loaded only when asked for.</summary>
    public IReadOnlyList<CourseStatusChange> StatusHistory => statusHistory;

    public bool IsFree => Price.IsZero;
    public bool IsPublic => Status == CourseStatus.Published;
    public IEnumerable<string> TagList => Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Basics and curriculum can change in Draft, and stay live in Published and Unlisted; not while in review or archived.</summary>
    public bool CanEdit => Status is CourseStatus.Draft or CourseStatus.Published or CourseStatus.Unlisted;
    public bool CanSubmit => Status == CourseStatus.Draft && SubmissionGaps().Count == 0;
    public bool CanWithdraw => Status == CourseStatus.Submitted;
    public bool CanApprove => Status == CourseStatus.Submitted;
    public bool CanReject => Status == CourseStatus.Submitted;
    public bool CanUnlist => Status == CourseStatus.Published;
    public bool CanArchive => Status is CourseStatus.Published or CourseStatus.Unlisted;
    public bool CanRelist => Status == CourseStatus.Unlisted;

    // Building (the demo seed and tests) -----------------------------------------------------------------------

    public void Describe(string whatYouWillLearn, string requirements, IEnumerable<string> tags, string coverStyle)
    {
        WhatYouWillLearn = whatYouWillLearn;
        Requirements = requirements;
        Tags = string.Join(',', tags.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct());
        CoverStyle = coverStyle;
    }

    public Section AddSection(string title)
    {
        EnsureEditable();
        if (CourseRules.CheckName(title) is { } error) throw new DomainException($"Section title refused: {error.Code}.");
        if (sections.Count >= MaxSections) throw new DomainException($"Course {Slug} has the most sections allowed.");
        var section = new Section(title.Trim(), sections.Count + 1);
        sections.Add(section);
        return section;
    }

    /// <summary>Recomputes the cached totals from the curriculum.</summary>
    public void RefreshTotals()
    {
        LessonCount = sections.Sum(s => s.Lessons.Count);
        TotalDurationSeconds = sections.Sum(s => s.Lessons.Sum(l => l.DurationSeconds));
    }

    /// <summary>Publishes without review: the demo seed and imports. Authoring goes through <see cref="Submit"/> and <see cref="Approve"/>.</summary>
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

    // Authoring: basics ----------------------------------------------------------------------------------------

    public CourseBasics Basics => new(Title, Subtitle, Slug, Description, WhatYouWillLearn, Requirements, CategoryId,
        TagList.ToList(), Level, Language, Price);

    /// <summary>Replaces the basics. Existing orders keep their price snapshots; only new orders see a new price.</summary>
    public void EditBasics(CourseBasics basics, DateTime nowUtc)
    {
        EnsureEditable();
        basics = basics.Normalized();
        if (basics.Validate() is { } error) throw new DomainException($"Course basics refused: {error.Code}.");
        Title = basics.Title;
        Subtitle = basics.Subtitle;
        Slug = basics.Slug;
        Description = basics.Description;
        WhatYouWillLearn = basics.WhatYouWillLearn;
        Requirements = basics.Requirements;
        CategoryId = basics.CategoryId;
        Tags = string.Join(',', basics.Tags);
        Level = basics.Level;
        Language = basics.Language;
        Price = basics.Price;
        Touch(nowUtc);
    }

    /// <summary>Sets (or with null removes) the uploaded cover; returns the key it replaced, for the caller to delete.</summary>
    public string? SetCover(string? coverImageKey, DateTime nowUtc)
    {
        EnsureEditable();
        if (coverImageKey is not null && (string.IsNullOrWhiteSpace(coverImageKey) || coverImageKey.Length > CoverKeyMaxLength))
            throw new DomainException("A cover key must be a short non-blank storage key.");
        var replaced = CoverImageKey == coverImageKey ? null : CoverImageKey;
        CoverImageKey = coverImageKey;
        Touch(nowUtc);
        return replaced;
    }

    // Authoring: curriculum ------------------------------------------------------------------------------------

    public Section? FindSection(int sectionId) => sections.FirstOrDefault(s => s.Id == sectionId);

    public Lesson? FindLesson(int lessonId) => sections.SelectMany(s => s.Lessons).FirstOrDefault(l => l.Id == lessonId);

    public Section AddSection(string title, DateTime nowUtc)
    {
        var section = AddSection(title);
        Touch(nowUtc);
        return section;
    }

    public void RenameSection(Section section, string title, DateTime nowUtc)
    {
        EnsureEditable();
        EnsureOwn(section);
        section.Rename(title);
        Touch(nowUtc);
    }

    /// <summary>False when removing that many lessons would leave a public course without any.</summary>
    public bool CanRemoveLessons(int count) => Status == CourseStatus.Draft || sections.Sum(s => s.Lessons.Count) - count > 0;

    /// <summary>Removes the section and its lessons; returns the media those lessons held, for the caller to delete.</summary>
    public IReadOnlyList<StoredFile> RemoveSection(Section section, DateTime nowUtc)
    {
        EnsureEditable();
        EnsureOwn(section);
        if (!CanRemoveLessons(section.Lessons.Count)) throw new DomainException($"Course {Slug} is {Status} and would be left without lessons.");
        var media = section.Lessons.Select(l => l.Media).OfType<StoredFile>().ToList();
        sections.Remove(section);
        Renumber(sections);
        RefreshTotals();
        Touch(nowUtc);
        return media;
    }

    /// <summary>Moves the section to a 1-based position among the sections.</summary>
    public void MoveSection(Section section, int position, DateTime nowUtc)
    {
        EnsureEditable();
        EnsureOwn(section);
        if (position < 1 || position > sections.Count) throw new DomainException($"Section position {position} is outside 1..{sections.Count}.");
        sections.Remove(section);
        sections.Insert(position - 1, section);
        Renumber(sections);
        Touch(nowUtc);
    }

    public Lesson AddLesson(Section section, string title, LessonKind kind, DateTime nowUtc)
    {
        EnsureEditable();
        EnsureOwn(section);
        var lesson = section.AddLesson(title, kind, 0, false);
        RefreshTotals();
        Touch(nowUtc);
        return lesson;
    }

    public void RenameLesson(Lesson lesson, string title, DateTime nowUtc)
    {
        EnsureEditable();
        OwnerOf(lesson);
        lesson.Rename(title);
        Touch(nowUtc);
    }

    /// <summary>Title, free-preview flag, duration and (articles) body.</summary>
    public void EditLesson(Lesson lesson, LessonDetails details, DateTime nowUtc)
    {
        EnsureEditable();
        OwnerOf(lesson);
        lesson.Edit(details);
        RefreshTotals();
        Touch(nowUtc);
    }

    /// <summary>Removes the lesson; returns its media, for the caller to delete.</summary>
    public StoredFile? RemoveLesson(Lesson lesson, DateTime nowUtc)
    {
        EnsureEditable();
        var section = OwnerOf(lesson);
        if (!CanRemoveLessons(1)) throw new DomainException($"Course {Slug} is {Status} and would be left without lessons.");
        section.Remove(lesson);
        RefreshTotals();
        Touch(nowUtc);
        return lesson.Media;
    }

    /// <summary>Moves the lesson to a 1-based position in the target section (its own or another of this course).</summary>
    public void MoveLesson(Lesson lesson, Section target, int position, DateTime nowUtc)
    {
        EnsureEditable();
        EnsureOwn(target);
        var source = OwnerOf(lesson);
        var max = source == target ? target.Lessons.Count : target.Lessons.Count + 1;
        if (position < 1 || position > max) throw new DomainException($"Lesson position {position} is outside 1..{max}.");
        if (source != target && target.Lessons.Count >= Section.MaxLessons) throw new DomainException("The target section is full.");
        source.Remove(lesson);
        target.Insert(lesson, position);
        Touch(nowUtc);
    }

    /// <summary>Attaches the video or download of the lesson; returns the file it replaced, for the caller to delete.</summary>
    public StoredFile? AttachLessonMedia(Lesson lesson, StoredFile file, DateTime nowUtc)
    {
        EnsureEditable();
        OwnerOf(lesson);
        var replaced = lesson.AttachMedia(file);
        Touch(nowUtc);
        return replaced;
    }

    /// <summary>Replaces the questions and pass mark of a quiz lesson.</summary>
    public void SetQuiz(Lesson lesson, QuizDraft quiz, DateTime nowUtc)
    {
        EnsureEditable();
        OwnerOf(lesson);
        lesson.SetQuiz(quiz);
        Touch(nowUtc);
    }

    // Authoring: workflow --------------------------------------------------------------------------------------

    /// <summary>What is missing before submission (quiz lessons count as empty unless their questions are loaded).</summary>
    public IReadOnlyList<CourseGap> SubmissionGaps()
    {
        var gaps = new List<CourseGap>();
        if (string.IsNullOrWhiteSpace(Title)) gaps.Add(CourseGap.Title);
        if (string.IsNullOrWhiteSpace(Subtitle)) gaps.Add(CourseGap.Subtitle);
        if (string.IsNullOrWhiteSpace(Description)) gaps.Add(CourseGap.Description);
        if (string.IsNullOrWhiteSpace(WhatYouWillLearn)) gaps.Add(CourseGap.Outcomes);
        var lessons = sections.SelectMany(s => s.Lessons).ToList();
        if (lessons.Count == 0) gaps.Add(CourseGap.Lessons);
        if (lessons.Any(l => !l.HasContent)) gaps.Add(CourseGap.LessonContent);
        return gaps;
    }

    /// <summary>Draft → Submitted, by the owner: complete basics and at least one lesson, each with its content.</summary>
    public void Submit(int byUserId, DateTime nowUtc)
    {
        if (!CanSubmit) throw new DomainException($"Course {Slug} is {Status} or incomplete and cannot be submitted.");
        Transition(CourseStatus.Submitted, byUserId, "", nowUtc);
    }

    /// <summary>Submitted → Draft, by the owner, to change something before the review.</summary>
    public void Withdraw(int byUserId, DateTime nowUtc)
    {
        if (!CanWithdraw) throw new DomainException($"Course {Slug} is {Status} and cannot be withdrawn.");
        Transition(CourseStatus.Draft, byUserId, "", nowUtc);
    }

    /// <summary>Submitted → Published, by an admin, with an optional note for the owner.</summary>
    public void Approve(int adminId, string? note, DateTime nowUtc)
    {
        if (!CanApprove) throw new DomainException($"Course {Slug} is {Status} and cannot be approved.");
        if (CourseRules.CheckNote(note) is not null) throw new DomainException("The note is too long.");
        RefreshTotals();
        Transition(CourseStatus.Published, adminId, note?.Trim() ?? "", nowUtc);
        PublishedUtc ??= nowUtc;
    }

    /// <summary>Submitted → Draft, by an admin, with the reasons the owner sees in the editor.</summary>
    public void Reject(int adminId, string reasons, DateTime nowUtc)
    {
        if (!CanReject) throw new DomainException($"Course {Slug} is {Status} and cannot be rejected.");
        if (string.IsNullOrWhiteSpace(reasons)) throw new DomainException("A rejection needs reasons.");
        if (CourseRules.CheckNote(reasons) is not null) throw new DomainException("The reasons are too long.");
        Transition(CourseStatus.Draft, adminId, reasons.Trim(), nowUtc);
    }

    /// <summary>Published → Unlisted: out of the catalogue and search; enrolled learners keep learning.</summary>
    public void Unlist(int byUserId, DateTime nowUtc)
    {
        if (!CanUnlist) throw new DomainException($"Course {Slug} is {Status} and cannot be unlisted.");
        Transition(CourseStatus.Unlisted, byUserId, "", nowUtc);
    }

    /// <summary>Unlisted → Published: it was approved before, so no new review.</summary>
    public void Relist(int byUserId, DateTime nowUtc)
    {
        if (!CanRelist) throw new DomainException($"Course {Slug} is {Status} and cannot be relisted.");
        Transition(CourseStatus.Published, byUserId, "", nowUtc);
    }

    /// <summary>Published or Unlisted → Archived: closed for good.</summary>
    public void Archive(int byUserId, DateTime nowUtc)
    {
        if (!CanArchive) throw new DomainException($"Course {Slug} is {Status} and cannot be archived.");
        Transition(CourseStatus.Archived, byUserId, "", nowUtc);
    }

    private void Transition(CourseStatus to, int byUserId, string note, DateTime nowUtc)
    {
        statusHistory.Add(new CourseStatusChange(Status, to, byUserId, note, nowUtc));
        Status = to;
        Touch(nowUtc);
    }

    private void Touch(DateTime nowUtc)
    {
        Version++;
        UpdatedUtc = nowUtc;
    }

    private void EnsureEditable()
    {
        if (!CanEdit) throw new DomainException($"Course {Slug} is {Status} and cannot be edited.");
        // Loaded collections come in database order; the positions below are by Order.
        sections.Sort((a, b) => a.Order.CompareTo(b.Order));
        foreach (var section in sections) section.SortLessons();
    }

    private void EnsureOwn(Section section)
    {
        if (!sections.Contains(section)) throw new DomainException($"The section is not part of course {Slug}.");
    }

    private Section OwnerOf(Lesson lesson) =>
        sections.FirstOrDefault(s => s.Lessons.Contains(lesson)) ?? throw new DomainException($"The lesson is not part of course {Slug}.");

    private static void Renumber(List<Section> ordered)
    {
        for (var i = 0; i < ordered.Count; i++) ordered[i].SetOrder(i + 1);
    }
}

/// <summary>One workflow transition of a course: who moved it from what to what, when, and the admin's note or reasons.</summary>
public sealed class CourseStatusChange
{
    public const int NoteMaxLength = 2000;

    private CourseStatusChange() { }

    internal CourseStatusChange(CourseStatus from, CourseStatus to, int byUserId, string note, DateTime occurredUtc)
    {
        From = from;
        To = to;
        ByUserId = byUserId;
        Note = note;
        OccurredUtc = occurredUtc;
    }

    public int Id { get; private set; }
    public int CourseId { get; private set; }
    public CourseStatus From { get; private set; }
    public CourseStatus To { get; private set; }
    /// <summary>Null once that account is deleted.</summary>
    public int? ByUserId { get; private set; }
    /// <summary>The admin's note on approval or reasons on rejection; empty otherwise.</summary>
    public string Note { get; private set; } = "";
    public DateTime OccurredUtc { get; private set; }
}
