using System.Globalization;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using Microsoft.AspNetCore.WebUtilities;

namespace KnowledgeHub.Web.Features.Catalog;

/// <summary>
/// The catalogue's state lives in the URL (shareable, bookmarkable, crawlable): this reads it tolerantly
/// (unknown values are ignored) and writes it back with one thing changed.
/// </summary>
public static class CatalogUrl
{
    public static CatalogQuery Parse(string? categorySlug, string? q, string? level, string? lang, string? price, string? rating, string? sort, string? page) =>
        new CatalogQuery(
            Text: q,
            CategorySlug: categorySlug,
            Level: Enum.TryParse<CourseLevel>(level, ignoreCase: true, out var l) && Enum.IsDefined(l) ? l : null,
            Language: lang,
            Price: Enum.TryParse<PriceBand>(price, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null,
            MinRating: double.TryParse(rating, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) ? r : null,
            Sort: Enum.TryParse<CatalogSort>(sort, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : CatalogSort.Relevance,
            Page: int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1).Normalize();

    /// <summary>/courses or /courses/c/{slug} with the query's parameters (page 1 and defaults are left out).</summary>
    public static string For(CatalogQuery query)
    {
        var path = query.CategorySlug is { } slug ? $"/courses/c/{Uri.EscapeDataString(slug)}" : "/courses";
        var parameters = new List<KeyValuePair<string, string?>>();
        if (query.Text is { } text) parameters.Add(new("q", text));
        if (query.Level is { } level) parameters.Add(new("level", level.ToString()));
        if (query.Language is { } language) parameters.Add(new("lang", language));
        if (query.Price is { } price) parameters.Add(new("price", price.ToString()));
        if (query.MinRating is { } rating) parameters.Add(new("rating", rating.ToString(CultureInfo.InvariantCulture)));
        if (query.Sort != CatalogSort.Relevance) parameters.Add(new("sort", query.Sort.ToString()));
        if (query.Page > 1) parameters.Add(new("page", query.Page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(path, parameters);
    }

    /// <summary>The same filters with one changed; any change of filter goes back to page 1.</summary>
    public static string With(CatalogQuery query, Func<CatalogQuery, CatalogQuery> change) => For(change(query) with { Page = 1 });

    public static string Page(CatalogQuery query, int page) => For(query with { Page = page });
}
