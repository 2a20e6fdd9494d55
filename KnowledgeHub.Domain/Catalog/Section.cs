using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>A chapter of a course. Its lessons keep orders 1..n; changes come through <see cref="Course"/>.</summary>
public sealed class Section
{
    public const int TitleMaxLength = 200;
    public const int MaxLessons = 200;
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
        if (CourseRules.CheckName(title) is { } error) throw new DomainException($"Lesson title refused: {error.Code}.");
        if (!Enum.IsDefined(kind)) throw new DomainException($"Unknown lesson kind {kind}.");
        if (durationSeconds is < 0 or > Lesson.MaxDurationSeconds) throw new DomainException("A lesson lasts between 0 seconds and a day.");
        if (lessons.Count >= MaxLessons) throw new DomainException("The section has the most lessons allowed.");
        var lesson = new Lesson(title.Trim(), kind, durationSeconds, isPreview, lessons.Count + 1, body);
        lessons.Add(lesson);
        return lesson;
    }

    internal void Rename(string title)
    {
        if (CourseRules.CheckName(title) is { } error) throw new DomainException($"Section title refused: {error.Code}.");
        Title = title.Trim();
    }

    internal void SetOrder(int order) => Order = order;

    internal void SortLessons() => lessons.Sort((a, b) => a.Order.CompareTo(b.Order));

    internal void Remove(Lesson lesson)
    {
        if (!lessons.Remove(lesson)) throw new DomainException("The lesson is not in this section.");
        Renumber();
    }

    /// <summary>Puts a lesson (new to this section) at a 1-based position and renumbers.</summary>
    internal void Insert(Lesson lesson, int position)
    {
        lessons.Insert(position - 1, lesson);
        lesson.MoveTo(this);
        Renumber();
    }

    private void Renumber()
    {
        for (var i = 0; i < lessons.Count; i++) lessons[i].SetOrder(i + 1);
    }
}

/// <summary>
/// One lesson: a video or a download (with its stored file), an article (Markdown body) or a quiz (questions and a pass
/// mark; grading comes with the learning player). The kind is fixed when the lesson is made.
/// </summary>
public sealed class Lesson
{
    public const int BodyMaxLength = 100_000;
    /// <summary>A day: longer is a typing mistake.</summary>
    public const int MaxDurationSeconds = 24 * 60 * 60;
    public const int MediaKeyMaxLength = 200;
    public const int FileNameMaxLength = 255;
    public const int ContentTypeMaxLength = 100;
    public const int DefaultPassMarkPercent = 60;

    private readonly List<QuizQuestion> questions = [];

    private Lesson() { }

    internal Lesson(string title, LessonKind kind, int durationSeconds, bool isPreview, int order, string body)
    {
        Title = title;
        Kind = kind;
        DurationSeconds = durationSeconds;
        IsPreview = isPreview;
        Order = order;
        Body = body;
        PassMarkPercent = kind == LessonKind.Quiz ? DefaultPassMarkPercent : 0;
    }

    public int Id { get; private set; }
    public int SectionId { get; private set; }
    public string Title { get; private set; } = "";
    public LessonKind Kind { get; private set; }
    public int DurationSeconds { get; private set; }
    public bool IsPreview { get; private set; }
    public int Order { get; private set; }
    /// <summary>Markdown for articles; empty for other kinds.</summary>
    public string Body { get; private set; } = "";
    public string? MediaKey { get; private set; }
    public string? MediaFileName { get; private set; }
    public string? MediaContentType { get; private set; }
    public long? MediaLength { get; private set; }
    /// <summary>Quizzes: the percentage of questions answered right that passes (1..100); 0 for other kinds.</summary>
    public int PassMarkPercent { get; private set; }
    /// <summary>Quiz questions in order; loaded only when asked for.</summary>
    public IReadOnlyList<QuizQuestion> Questions => questions;

    /// <summary>The video or download of the lesson, if one is attached.</summary>
    public StoredFile? Media => MediaKey is null ? null : new StoredFile(MediaKey, MediaFileName ?? "", MediaContentType ?? "", MediaLength ?? 0);

    public bool HasMedia => Kind is LessonKind.Video or LessonKind.File;

    /// <summary>Whether the lesson has what its kind needs (for a quiz: its questions, when loaded).</summary>
    public bool HasContent => Kind switch
    {
        LessonKind.Video or LessonKind.File => MediaKey is not null,
        LessonKind.Article => !string.IsNullOrWhiteSpace(Body),
        LessonKind.Quiz => questions.Count > 0,
        _ => false,
    };

    internal void Rename(string title)
    {
        if (CourseRules.CheckName(title) is { } error) throw new DomainException($"Lesson title refused: {error.Code}.");
        Title = title.Trim();
    }

    internal void Edit(LessonDetails details)
    {
        details = details.Normalized();
        if (details.Validate(Kind) is { } error) throw new DomainException($"Lesson details refused: {error.Code}.");
        Title = details.Title;
        IsPreview = details.IsPreview;
        DurationSeconds = details.DurationSeconds;
        Body = details.Body ?? "";
    }

    internal StoredFile? AttachMedia(StoredFile file)
    {
        if (!HasMedia) throw new DomainException($"A {Kind} lesson has no media.");
        if (CourseRules.CheckFile(file) is not null) throw new DomainException("The stored file is incomplete.");
        var replaced = Media is { } old && old.Key != file.Key ? old : null;
        MediaKey = file.Key;
        MediaFileName = file.FileName.Length > FileNameMaxLength ? file.FileName[..FileNameMaxLength] : file.FileName;
        MediaContentType = file.ContentType;
        MediaLength = file.Length;
        return replaced;
    }

    internal void SetQuiz(QuizDraft quiz)
    {
        if (Kind != LessonKind.Quiz) throw new DomainException($"A {Kind} lesson has no quiz.");
        quiz = quiz.Normalized();
        if (quiz.Validate() is { } error) throw new DomainException($"Quiz refused: {error.Code}.");
        questions.Clear();
        for (var i = 0; i < quiz.Questions.Count; i++) questions.Add(new QuizQuestion(quiz.Questions[i], i + 1));
        PassMarkPercent = quiz.PassMarkPercent;
    }

    /// <summary>The quiz as the editor shows it (null for other kinds).</summary>
    public QuizDraft? ToQuizDraft() => Kind != LessonKind.Quiz ? null : new QuizDraft(PassMarkPercent,
        questions.OrderBy(q => q.Order).Select(q => new QuizQuestionDraft(q.Text, q.MultipleChoice,
            q.Options.OrderBy(o => o.Order).Select(o => new QuizOptionDraft(o.Text, o.IsCorrect)).ToList())).ToList());

    internal void SetOrder(int order) => Order = order;

    internal void MoveTo(Section section)
    {
        // Setting the key as well as the collections makes the move explicit to EF Core (no orphan delete of the lesson).
        if (section.Id != 0) SectionId = section.Id;
    }
}

/// <summary>A single or multiple choice question of a quiz lesson.</summary>
public sealed class QuizQuestion
{
    public const int TextMaxLength = 1000;
    public const int MinOptions = 2;
    public const int MaxOptions = 10;
    private readonly List<QuizOption> options = [];

    private QuizQuestion() { }

    internal QuizQuestion(QuizQuestionDraft draft, int order)
    {
        Text = draft.Text;
        MultipleChoice = draft.MultipleChoice;
        Order = order;
        for (var i = 0; i < draft.Options.Count; i++) options.Add(new QuizOption(draft.Options[i].Text, draft.Options[i].IsCorrect, i + 1));
    }

    public int Id { get; private set; }
    public int LessonId { get; private set; }
    public int Order { get; private set; }
    public string Text { get; private set; } = "";
    /// <summary>True: any number of options may be right (at least one); false: exactly one is.</summary>
    public bool MultipleChoice { get; private set; }
    public IReadOnlyList<QuizOption> Options => options;
}

public sealed class QuizOption
{
    public const int TextMaxLength = 500;

    private QuizOption() { }

    internal QuizOption(string text, bool isCorrect, int order)
    {
        Text = text;
        IsCorrect = isCorrect;
        Order = order;
    }

    public int Id { get; private set; }
    public int QuestionId { get; private set; }
    public int Order { get; private set; }
    public string Text { get; private set; } = "";
    public bool IsCorrect { get; private set; }
}
