namespace KnowledgeHub.Domain.Catalog.Search;

public enum CatalogSort { Relevance = 0, Newest = 1, Popular = 2, Rating = 3, PriceLow = 4, PriceHigh = 5 }

/// <summary>Price bands of the catalogue filter, in CNY.</summary>
public enum PriceBand { Free = 0, Under50 = 1, From50To200 = 2, Over200 = 3 }

/// <summary>
/// What the catalogue page asks for. Every field is optional; unknown values from the URL are dropped by
/// <see cref="CatalogQuery.Normalize"/> rather than failing.
/// </summary>
public sealed record CatalogQuery(
    string? Text = null,
    string? CategorySlug = null,
    CourseLevel? Level = null,
    string? Language = null,
    PriceBand? Price = null,
    double? MinRating = null,
    CatalogSort Sort = CatalogSort.Relevance,
    int Page = 1,
    int PageSize = CatalogQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 12;
    public const int MaxPageSize = 48;
    public const int MaxTextLength = 100;

    /// <summary>Clamps the page, trims and shortens the text, drops a rating outside 0–5.</summary>
    public CatalogQuery Normalize()
    {
        var text = Text?.Trim();
        if (text is { Length: > MaxTextLength }) text = text[..MaxTextLength];
        return this with
        {
            Text = string.IsNullOrEmpty(text) ? null : text,
            CategorySlug = string.IsNullOrWhiteSpace(CategorySlug) ? null : CategorySlug.Trim(),
            Language = Language is "zh-CN" or "en-US" ? Language : null,
            MinRating = MinRating is > 0 and <= 5 ? MinRating : null,
            Page = Math.Max(1, Page),
            PageSize = Math.Clamp(PageSize, 1, MaxPageSize),
        };
    }
}

/// <summary>One page of results. <see cref="Terms"/> are the words to highlight.</summary>
public sealed record CatalogPage(
    IReadOnlyList<CourseCardModel> Items, int Total, int Page, int PageSize,
    IReadOnlyList<string> Terms, IReadOnlyList<string> DidYouMean)
{
    public int PageCount => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

/// <summary>One type-ahead entry; <see cref="Kind"/> is one of the constants below.</summary>
public sealed record SuggestionItem(string Kind, string Label, string Url)
{
    public const string CourseKind = "course";
    public const string CategoryKind = "category";
    public const string InstructorKind = "instructor";
}

/// <summary>Type-ahead suggestions: courses, categories and instructors whose names contain the text.</summary>
public sealed record SearchSuggestions(IReadOnlyList<SuggestionItem> Courses, IReadOnlyList<SuggestionItem> Categories, IReadOnlyList<SuggestionItem> Instructors);
