using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>
/// Why an authoring input was refused: a stable code and the resource key of its message (KnowledgeHub.Web Strings).
/// The entities throw <see cref="DomainException"/> for the same checks; services run them first and return the error.
/// </summary>
public static class AuthoringErrors
{
    public static readonly Error NotFound = new("authoring.not_found", "AuthoringNotFound");
    public static readonly Error Forbidden = new("authoring.forbidden", "AuthoringForbidden");
    public static readonly Error NotInstructor = new("authoring.not_instructor", "AuthoringNotInstructor");
    public static readonly Error Conflict = new("authoring.conflict", "AuthoringConflict");
    public static readonly Error WrongState = new("authoring.wrong_state", "AuthoringWrongState");
    public static readonly Error ItemNotFound = new("authoring.item_not_found", "AuthoringItemNotFound");
    public static readonly Error TitleRequired = new("authoring.title_required", "AuthoringTitleRequired");
    public static readonly Error TitleTooLong = new("authoring.title_too_long", "AuthoringTitleTooLong");
    public static readonly Error SubtitleTooLong = new("authoring.subtitle_too_long", "AuthoringSubtitleTooLong");
    public static readonly Error SlugInvalid = new("authoring.slug_invalid", "AuthoringSlugInvalid");
    public static readonly Error SlugTaken = new("authoring.slug_taken", "AuthoringSlugTaken");
    public static readonly Error CategoryUnknown = new("authoring.category_unknown", "AuthoringCategoryUnknown");
    public static readonly Error LanguageUnsupported = new("authoring.language_unsupported", "AuthoringLanguageUnsupported");
    public static readonly Error LevelUnknown = new("authoring.level_unknown", "AuthoringLevelUnknown");
    public static readonly Error TagsInvalid = new("authoring.tags_invalid", "AuthoringTagsInvalid");
    public static readonly Error PriceNegative = new("authoring.price_negative", "AuthoringPriceNegative");
    public static readonly Error PriceTooHigh = new("authoring.price_too_high", "AuthoringPriceTooHigh");
    public static readonly Error CurrencyUnsupported = new("authoring.currency_unsupported", "AuthoringCurrencyUnsupported");
    public static readonly Error MarkdownTooLong = new("authoring.markdown_too_long", "AuthoringMarkdownTooLong");
    public static readonly Error NameRequired = new("authoring.name_required", "AuthoringNameRequired");
    public static readonly Error NameTooLong = new("authoring.name_too_long", "AuthoringNameTooLong");
    public static readonly Error PositionInvalid = new("authoring.position_invalid", "AuthoringPositionInvalid");
    public static readonly Error TooManyItems = new("authoring.too_many_items", "AuthoringTooManyItems");
    public static readonly Error KindMismatch = new("authoring.kind_mismatch", "AuthoringKindMismatch");
    public static readonly Error DurationInvalid = new("authoring.duration_invalid", "AuthoringDurationInvalid");
    public static readonly Error MediaInvalid = new("authoring.media_invalid", "AuthoringMediaInvalid");
    public static readonly Error CoverInvalid = new("authoring.cover_invalid", "AuthoringCoverInvalid");
    public static readonly Error QuizNoQuestions = new("authoring.quiz_no_questions", "AuthoringQuizNoQuestions");
    public static readonly Error QuizTooManyQuestions = new("authoring.quiz_too_many_questions", "AuthoringQuizTooManyQuestions");
    public static readonly Error QuizQuestionText = new("authoring.quiz_question_text", "AuthoringQuizQuestionText");
    public static readonly Error QuizOptionCount = new("authoring.quiz_option_count", "AuthoringQuizOptionCount");
    public static readonly Error QuizOptionText = new("authoring.quiz_option_text", "AuthoringQuizOptionText");
    public static readonly Error QuizCorrectCount = new("authoring.quiz_correct_count", "AuthoringQuizCorrectCount");
    public static readonly Error QuizPassMark = new("authoring.quiz_pass_mark", "AuthoringQuizPassMark");
    public static readonly Error SubmitIncomplete = new("authoring.submit_incomplete", "AuthoringSubmitIncomplete");
    public static readonly Error LastLesson = new("authoring.last_lesson", "AuthoringLastLesson");
    public static readonly Error ReasonsRequired = new("authoring.reasons_required", "AuthoringReasonsRequired");
    public static readonly Error NoteTooLong = new("authoring.note_too_long", "AuthoringNoteTooLong");
}

/// <summary>What the basics form of the course editor holds. <see cref="Validate"/> tells what is wrong, if anything.</summary>
public sealed record CourseBasics(
    string Title, string Subtitle, string Slug, string Description, string WhatYouWillLearn, string Requirements,
    int CategoryId, IReadOnlyList<string> Tags, CourseLevel Level, string Language, Money Price)
{
    /// <summary>Trims text, lower-cases the slug and drops blank and repeated tags.</summary>
    public CourseBasics Normalized() => this with
    {
        Title = (Title ?? "").Trim(),
        Subtitle = (Subtitle ?? "").Trim(),
        Slug = (Slug ?? "").Trim().ToLowerInvariant(),
        Description = (Description ?? "").Trim(),
        WhatYouWillLearn = (WhatYouWillLearn ?? "").Trim(),
        Requirements = (Requirements ?? "").Trim(),
        Tags = (Tags ?? []).Select(t => (t ?? "").Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Language = (Language ?? "").Trim(),
    };

    /// <summary>The first problem of these (normalized) basics, or null. The category's existence is the service's to check.</summary>
    public Error? Validate()
    {
        if (CourseRules.CheckTitle(Title) is { } title) return title;
        if (Subtitle.Length > Course.SubtitleMaxLength) return AuthoringErrors.SubtitleTooLong;
        if (!CourseSlug.IsValid(Slug)) return AuthoringErrors.SlugInvalid;
        if (Description.Length > Course.DescriptionMaxLength || WhatYouWillLearn.Length > Course.ListMaxLength
            || Requirements.Length > Course.ListMaxLength) return AuthoringErrors.MarkdownTooLong;
        if (!SupportedCultures.All.Contains(Language, StringComparer.Ordinal)) return AuthoringErrors.LanguageUnsupported;
        if (!Enum.IsDefined(Level)) return AuthoringErrors.LevelUnknown;
        if (Tags.Count > Course.MaxTags || Tags.Any(t => t.Length > Course.TagMaxLength || t.Contains(','))) return AuthoringErrors.TagsInvalid;
        return CourseRules.CheckPrice(Price);
    }
}

/// <summary>What the lesson panel of the editor saves. Body is the Markdown of an article and must be empty for other kinds.</summary>
public sealed record LessonDetails(string Title, bool IsPreview, int DurationSeconds, string? Body = null)
{
    public LessonDetails Normalized() => this with { Title = (Title ?? "").Trim(), Body = (Body ?? "").Trim() };

    public Error? Validate(LessonKind kind)
    {
        if (CourseRules.CheckName(Title) is { } name) return name;
        if (DurationSeconds is < 0 or > Lesson.MaxDurationSeconds) return AuthoringErrors.DurationInvalid;
        var body = Body ?? "";
        if (body.Length > Lesson.BodyMaxLength) return AuthoringErrors.MarkdownTooLong;
        if (kind != LessonKind.Article && body.Length > 0) return AuthoringErrors.KindMismatch;
        return null;
    }
}

/// <summary>A whole quiz as the editor saves it: a pass mark and its questions, each with options flagged correct or not.</summary>
public sealed record QuizDraft(int PassMarkPercent, IReadOnlyList<QuizQuestionDraft> Questions)
{
    public const int MaxQuestions = 100;

    public QuizDraft Normalized() => this with
    {
        Questions = (Questions ?? []).Select(q => q with
        {
            Text = (q.Text ?? "").Trim(),
            Options = (q.Options ?? []).Select(o => o with { Text = (o.Text ?? "").Trim() }).ToList(),
        }).ToList(),
    };

    public Error? Validate()
    {
        if (PassMarkPercent is < 1 or > 100) return AuthoringErrors.QuizPassMark;
        if (Questions.Count == 0) return AuthoringErrors.QuizNoQuestions;
        if (Questions.Count > MaxQuestions) return AuthoringErrors.QuizTooManyQuestions;
        foreach (var question in Questions)
        {
            if (question.Text.Length is 0 or > QuizQuestion.TextMaxLength) return AuthoringErrors.QuizQuestionText;
            if (question.Options.Count is < QuizQuestion.MinOptions or > QuizQuestion.MaxOptions) return AuthoringErrors.QuizOptionCount;
            if (question.Options.Any(o => o.Text.Length is 0 or > QuizOption.TextMaxLength)) return AuthoringErrors.QuizOptionText;
            var correct = question.Options.Count(o => o.IsCorrect);
            if (question.MultipleChoice ? correct < 1 : correct != 1) return AuthoringErrors.QuizCorrectCount;
        }
        return null;
    }
}

public sealed record QuizQuestionDraft(string Text, bool MultipleChoice, IReadOnlyList<QuizOptionDraft> Options);

public sealed record QuizOptionDraft(string Text, bool IsCorrect);

/// <summary>Rules on single values shared by the entities and the services.</summary>
public static class CourseRules
{
    public static Error? CheckTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? AuthoringErrors.TitleRequired
        : title.Trim().Length > Course.TitleMaxLength ? AuthoringErrors.TitleTooLong
        : null;

    /// <summary>Section and lesson titles.</summary>
    public static Error? CheckName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? AuthoringErrors.NameRequired
        : name.Trim().Length > Section.TitleMaxLength ? AuthoringErrors.NameTooLong
        : null;

    public static Error? CheckPrice(Money? price) =>
        price is null || price.Currency != Money.Cny ? AuthoringErrors.CurrencyUnsupported
        : price.MinorUnits < 0 ? AuthoringErrors.PriceNegative
        : price.MinorUnits > Course.MaxPriceMinor ? AuthoringErrors.PriceTooHigh
        : null;

    /// <summary>A file the store kept: a key, a name, a type and at least one byte.</summary>
    public static Error? CheckFile(Storage.StoredFile? file) =>
        file is null || string.IsNullOrWhiteSpace(file.Key) || file.Key.Length > Lesson.MediaKeyMaxLength
        || string.IsNullOrWhiteSpace(file.FileName) || string.IsNullOrWhiteSpace(file.ContentType)
        || file.ContentType.Length > Lesson.ContentTypeMaxLength || file.Length <= 0
            ? AuthoringErrors.MediaInvalid
            : null;

    public static Error? CheckNote(string? note) =>
        note is { Length: > CourseStatusChange.NoteMaxLength } ? AuthoringErrors.NoteTooLong : null;
}

/// <summary>Course slugs: lower-case ASCII letters and digits in words joined by single hyphens.</summary>
public static partial class CourseSlug
{
    public const int MinLength = 3;
    private const int GeneratedMaxLength = 80;

    public static bool IsValid(string? slug) =>
        slug is { Length: >= MinLength and <= Course.SlugMaxLength } && Pattern().IsMatch(slug);

    /// <summary>The ASCII words of the title ("Python 入门: Data 101" → "python-data-101"), or null when it has too few.</summary>
    public static string? FromTitle(string title)
    {
        var words = Words().Matches(title.ToLowerInvariant()).Select(m => m.Value).ToList();
        var slug = "";
        foreach (var word in words)
        {
            var next = slug.Length == 0 ? word : slug + "-" + word;
            if (next.Length > GeneratedMaxLength) break;
            slug = next;
        }
        if (slug.Length == 0 && words.Count > 0) slug = words[0][..Math.Min(words[0].Length, GeneratedMaxLength)];
        return IsValid(slug) ? slug : null;
    }

    /// <summary>"course-" and eight random letters or digits, for titles without ASCII words.</summary>
    public static string Random() =>
        "course-" + System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Words();
}
