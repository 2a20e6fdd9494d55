using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>
/// The in-memory search (snapshot, word matches, filters, ranking, paging) against a plain LINQ query over the demo
/// catalogue's published courses: the same courses in the same order for every combination of words, filters and sorts.
/// </summary>
public sealed class SearchEquivalenceTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private sealed record Row(int Id, string Title, string Subtitle, string Description, string Tags, string Instructor, string CategorySlug,
        string? ParentSlug, CourseLevel Level, string Language, long Price, double RatingAverage, int RatingCount, int EnrollmentCount, DateTime PublishedUtc);

    private static readonly string?[] Texts = [null, "学", "数据", "AI", "py", "C#", "学 py", "Python", "机器学习", "数据 Python", "林晓峰"];

    private static readonly CatalogQuery[] Filters =
    [
        new(),
        new(CategorySlug: "ai-data"),
        new(CategorySlug: "python"),
        new(Level: CourseLevel.Beginner),
        new(Language: SupportedCultures.English),
        new(Price: PriceBand.Free),
        new(Price: PriceBand.From50To200),
        new(MinRating: 4.6),
        new(CategorySlug: "ai-data", Language: SupportedCultures.Chinese, Price: PriceBand.Over200),
    ];

    [Fact]
    public async Task SearchAsync_EveryTextFilterAndSort_FindsWhatALinqQueryFindsInItsOrder()
    {
        var rows = await PublishedAsync();
        var compared = 0;
        foreach (var text in Texts)
        foreach (var filter in Filters)
        foreach (var sort in Enum.GetValues<CatalogSort>())
        {
            var query = filter with { Text = text, Sort = sort, PageSize = 7 };
            var actual = await AllPagesAsync(query);
            var expected = Expected(rows, query);
            var label = $"{text ?? "(no text)"} | {filter} | {sort}";

            if (sort == CatalogSort.Relevance && SearchTerms.Parse(text).Any(t => t.Indexed))
                Assert.True(expected.Order().SequenceEqual(actual.Order()), label); // bm25: the same courses; the order is FTS5's
            else
                Assert.True(expected.SequenceEqual(actual), $"{label}: expected {string.Join(',', expected)}, got {string.Join(',', actual)}");
            compared += expected.Count;
        }
        Assert.True(compared > 1_000, "the combinations find courses");
    }

    /// <summary>Every page of the query, as the catalogue page would walk them.</summary>
    private async Task<List<int>> AllPagesAsync(CatalogQuery query)
    {
        var ids = new List<int>();
        for (var number = 1; ; number++)
        {
            var page = await fixture.Search.SearchAsync(query with { Page = number }, CancellationToken.None);
            ids.AddRange(page.Items.Select(c => c.Id));
            if (page.Items.Count == 0 || ids.Count >= page.Total)
            {
                Assert.Equal(page.Total, ids.Count);
                return ids;
            }
        }
    }

    private static List<int> Expected(List<Row> rows, CatalogQuery query)
    {
        var terms = SearchTerms.Parse(query.Text).Select(t => t.Text).ToList();
        var found = rows.Where(r =>
                (query.CategorySlug is null || r.CategorySlug == query.CategorySlug || r.ParentSlug == query.CategorySlug)
                && (query.Level is null || r.Level == query.Level)
                && (query.Language is null || r.Language == query.Language)
                && InBand(r.Price, query.Price)
                && (query.MinRating is null || r.RatingAverage >= query.MinRating)
                && terms.All(t => Has(r.Title, t) || Has(r.Subtitle, t) || Has(r.Description, t) || Has(r.Tags, t) || Has(r.Instructor, t)))
            .ToList();
        IOrderedEnumerable<Row> ordered = query.Sort switch
        {
            CatalogSort.Relevance when terms.Count > 0 => found.OrderByDescending(r => terms.Sum(t =>
                (Has(r.Title, t) ? 10 : 0) + (Has(r.Subtitle, t) || Has(r.Tags, t) || Has(r.Instructor, t) ? 4 : 0))).ThenByDescending(r => r.EnrollmentCount),
            CatalogSort.Newest => found.OrderByDescending(r => r.PublishedUtc),
            CatalogSort.Rating => found.OrderByDescending(r => r.RatingAverage).ThenByDescending(r => r.RatingCount),
            CatalogSort.PriceLow => found.OrderBy(r => r.Price),
            CatalogSort.PriceHigh => found.OrderByDescending(r => r.Price),
            _ => found.OrderByDescending(r => r.EnrollmentCount),
        };
        return ordered.ThenBy(r => r.Id).Select(r => r.Id).ToList();
    }

    private static bool Has(string text, string term) => text.Contains(term, StringComparison.OrdinalIgnoreCase);

    private static bool InBand(long price, PriceBand? band) => band switch
    {
        PriceBand.Free => price == 0,
        PriceBand.Under50 => price is > 0 and < 5_000,
        PriceBand.From50To200 => price is >= 5_000 and <= 20_000,
        PriceBand.Over200 => price > 20_000,
        _ => true,
    };

    private async Task<List<Row>> PublishedAsync()
    {
        await using var db = fixture.Db.CreateDbContext();
        return await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .Select(c => new Row(c.Id, c.Title, c.Subtitle, c.Description, c.Tags, c.Instructor!.DisplayName, c.Category!.Slug,
                c.Category.Parent != null ? c.Category.Parent.Slug : null, c.Level, c.Language, c.Price.MinorUnits, c.RatingAverage, c.RatingCount,
                c.EnrollmentCount, c.PublishedUtc!.Value))
            .ToListAsync();
    }
}
