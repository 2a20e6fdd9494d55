using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Catalog;

public sealed class Section
{
    private readonly List<Lesson> lessons = [];

    private Section() { }

    internal Section(string title, int order)
    {
        Title = title;
        Order = order;
    }

    public int Id { get; private set; }
    public int CourseId { get; private set; }
    public string Title { get; private set; } = "";
    public int Order { get; private set; }
    public IReadOnlyList<Lesson> Lessons => lessons;

    public Lesson AddLesson(string title, LessonKind kind, int durationSeconds, bool isPreview, string body = "")
    {
        if (durationSeconds < 0) throw new DomainException("A lesson cannot last a negative time.");
        var lesson = new Lesson(title, kind, durationSeconds, isPreview, lessons.Count + 1, body);
        lessons.Add(lesson);
        return lesson;
    }
}

public sealed class Lesson
{
    private Lesson() { }

    internal Lesson(string title, LessonKind kind, int durationSeconds, bool isPreview, int order, string body)
    {
        Title = title;
        Kind = kind;
        DurationSeconds = durationSeconds;
        IsPreview = isPreview;
        Order = order;
        Body = body;
    }

    public int Id { get; private set; }
    public int SectionId { get; private set; }
    public string Title { get; private set; } = "";
    public LessonKind Kind { get; private set; }
    public int DurationSeconds { get; private set; }
    public bool IsPreview { get; private set; }
    public int Order { get; private set; }
    /// <summary>Markdown for articles; empty for other kinds until authoring adds media.</summary>
    public string Body { get; private set; } = "";
}
