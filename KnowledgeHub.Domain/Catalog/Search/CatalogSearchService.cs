using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The catalogue's search: filters, sort orders and paging over published courses, ranked full-text search in Chinese
/// and English (see <see cref="CatalogSearchSql"/> for how words are matched), "did you mean" and the app bar's
/// type-ahead. Results (the first <see cref="CachedIds"/> ids of each query) are cached until a course, category or
/// instructor name changes in a way that can change what a search finds (a version counter kept by the triggers of the
/// CourseSearchIndex migration), and for at most <see cref="CacheLifetime"/>, so popularity and rating orders stay fresh.
/// Cards are always read fresh.
/// </summary>
public sealed class CatalogSearchService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    /// <summary>
    /// How long the "did you mean" vocabulary may be reused after the catalogue changed (reading it takes about half a
    /// second for 50,000 courses). Every alternative is checked against the live index, so an older vocabulary can only
    /// miss words of new courses, never suggest a search that finds nothing.
    /// </summary>
    public static readonly TimeSpan VocabularyLifetime = TimeSpan.FromMinutes(10);
    public const int MaxSuggestions = 20;
    /// <summary>Ids kept per cached query: ten pages of 24, five of 48.</summary>
    private const int CachedIds = 240;
    private const int MaxCachedQueries = 2_000;
    private const int MaxDidYouMean = 3;
    private const int MaxSpellingChecks = 12;

    private readonly ConcurrentDictionary<string, CachedResult> results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedSuggestions> suggestions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, CatalogSearchSql.WordMatch Match)> wordMatches = new(StringComparer.Ordinal);
    private CachedVocabulary? vocabulary;

    private sealed record CachedResult(long Version, DateTimeOffset ExpiresUtc, int[] Ids, int Total, IReadOnlyList<string> DidYouMean);
    private sealed record CachedSuggestions(long Version, DateTimeOffset ExpiresUtc, SearchSuggestions Value);
    private sealed record CachedVocabulary(long Version, DateTimeOffset BuiltUtc, SpellingVocabulary Vocabulary);

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken ct)
    {
        query = query.Normalize();
        var terms = SearchTerms.Parse(query.Text);
        var termTexts = terms.Select(t => t.Text).ToList();
        if (query.Text is not null && terms.Count == 0) // only separators: nothing to look for
            return new CatalogPage([], 0, query.Page, query.PageSize, [], []);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var version = await ReadVersionAsync(connection, ct);
        var now = clock.GetUtcNow();
        var skip = (long)(query.Page - 1) * query.PageSize;
        var key = string.Join('\u001f', terms.Select(t => t.Text.ToLowerInvariant()))
            + FormattableString.Invariant($"\u001e{query.CategorySlug}|{query.Level}|{query.Language}|{query.Price}|{query.MinRating:R}|{query.Sort}");

        List<int> ids;
        int total;
        IReadOnlyList<string> didYouMean;
        if (results.TryGetValue(key, out var hit) && hit.Version == version && hit.ExpiresUtc > now
            && (skip + query.PageSize <= hit.Ids.Length || hit.Ids.Length == hit.Total))
        {
            ids = Slice(hit.Ids, skip, query.PageSize);
            (total, didYouMean) = (hit.Total, hit.DidYouMean);
        }
        else
        {
            var words = await MatchWordsAsync(connection, version, terms, ct);
            var cacheable = skip + query.PageSize <= CachedIds;
            (ids, total) = await CatalogSearchSql.FindAsync(connection, query, words, cacheable ? 0 : skip, cacheable ? CachedIds : query.PageSize, ct);
            didYouMean = total == 0 && terms.Count > 0 ? await DidYouMeanAsync(db, version, now, query, terms, ct) : [];
            if (cacheable)
            {
                if (results.Count >= MaxCachedQueries) results.Clear();
                results[key] = new CachedResult(version, now + CacheLifetime, [.. ids], total, didYouMean);
                ids = Slice(ids, skip, query.PageSize);
            }
        }

        IReadOnlyList<CourseCardModel> items = [];
        if (ids.Count > 0)
        {
            var cards = await CatalogQueries.ToCards(db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))).ToDictionaryAsync(c => c.Id, ct);
            items = ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
        }
        return new CatalogPage(items, total, query.Page, query.PageSize, termTexts, didYouMean);
    }

    /// <summary>
    /// Type-ahead for the app bar: published courses whose title contains every word (titles starting with the first
    /// word first, then the most enrolled), categories whose Chinese or English name does (labelled in the UI language)
    /// and instructors with a published course whose name does; at most <paramref name="take"/> of each. One character is enough.
    /// </summary>
    public async Task<SearchSuggestions> SuggestAsync(string text, int take, bool chinese, CancellationToken ct)
    {
        var terms = SearchTerms.Parse(text is { Length: > CatalogQuery.MaxTextLength } ? text[..CatalogQuery.MaxTextLength] : text);
        take = Math.Min(take, MaxSuggestions);
        if (terms.Count == 0 || take <= 0) return new SearchSuggestions([], [], []);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var version = await ReadVersionAsync(connection, ct);
        var now = clock.GetUtcNow();
        var key = FormattableString.Invariant($"{chinese}|{take}|") + string.Join('\u001f', terms.Select(t => t.Text.ToLowerInvariant()));
        if (suggestions.TryGetValue(key, out var hit) && hit.Version == version && hit.ExpiresUtc > now) return hit.Value;

        var words = await MatchWordsAsync(connection, version, terms, ct);
        var first = terms[0].Text;
        var courses = (await CatalogSearchSql.FindTitlesAsync(connection, words, take * 4, ct))
            .OrderByDescending(c => c.Title.StartsWith(first, StringComparison.OrdinalIgnoreCase)) // stable: popularity stays second
            .Take(take)
            .Select(c => new SuggestionItem(SuggestionItem.CourseKind, c.Title, "/courses/" + c.Slug)).ToList();

        var patterns = terms.Select(t => SearchTerms.ContainsPattern(t.Text)).ToList();
        var categoryQuery = db.Categories.AsNoTracking();
        foreach (var pattern in patterns)
            categoryQuery = categoryQuery.Where(c => EF.Functions.Like(c.NameZh, pattern, "\\") || EF.Functions.Like(c.NameEn, pattern, "\\"));
        var categories = await categoryQuery.OrderBy(c => c.ParentId != null).ThenBy(c => c.SortOrder).ThenBy(c => c.Id).Take(take)
            .Select(c => new { c.Slug, c.NameZh, c.NameEn }).ToListAsync(ct);

        var instructorQuery = db.Users.AsNoTracking()
            .Where(u => u.Slug != null && db.Courses.Any(c => c.InstructorId == u.Id && c.Status == CourseStatus.Published));
        foreach (var pattern in patterns)
            instructorQuery = instructorQuery.Where(u => EF.Functions.Like(u.DisplayName, pattern, "\\"));
        var instructors = await instructorQuery.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(take)
            .Select(u => new { u.Slug, u.DisplayName }).ToListAsync(ct);

        var value = new SearchSuggestions(
            courses,
            categories.Select(c => new SuggestionItem(SuggestionItem.CategoryKind, chinese ? c.NameZh : c.NameEn, "/courses/c/" + c.Slug)).ToList(),
            instructors.Select(u => new SuggestionItem(SuggestionItem.InstructorKind, u.DisplayName, "/instructors/" + u.Slug)).ToList());
        if (suggestions.Count >= MaxCachedQueries) suggestions.Clear();
        suggestions[key] = new CachedSuggestions(version, now + CacheLifetime, value);
        return value;
    }

    /// <summary>The FTS5 operand of each word; a short word's trigram list is kept until the index changes.</summary>
    private async Task<IReadOnlyList<CatalogSearchSql.WordMatch>> MatchWordsAsync(DbConnection connection, long version, IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var matches = new List<CatalogSearchSql.WordMatch>(terms.Count);
        foreach (var term in terms)
        {
            var key = term.Text.ToLowerInvariant();
            if (wordMatches.TryGetValue(key, out var hit) && hit.Version == version)
            {
                matches.Add(hit.Match with { Term = term });
                continue;
            }
            var match = await CatalogSearchSql.MatchWordAsync(connection, term, ct);
            if (!term.Indexed)
            {
                if (wordMatches.Count >= MaxCachedQueries) wordMatches.Clear();
                wordMatches[key] = (version, match);
            }
            matches.Add(match);
        }
        return matches;
    }

    private static List<int> Slice(IReadOnlyList<int> ids, long skip, int take) =>
        skip >= ids.Count ? [] : ids.Skip((int)skip).Take(take).ToList();

    /// <summary>Raised by the triggers whenever what a search finds may have changed.</summary>
    private static async Task<long> ReadVersionAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Value FROM CourseSearchVersion WHERE Id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    // Did you mean -------------------------------------------------------------------------------------------

    /// <summary>
    /// Up to three versions of the text with one unknown word (or, failing that, every unknown word) replaced by a near
    /// word of the catalogue, each checked to find courses with the same filters.
    /// </summary>
    private async Task<IReadOnlyList<string>> DidYouMeanAsync(KnowledgeHubDbContext db, long version, DateTimeOffset now, CatalogQuery query,
        IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var known = await GetVocabularyAsync(db, version, now, ct);
        // Only words the catalogue does not know are taken for misspelt; known words that find nothing together, or
        // within the filters, have nothing to correct.
        var near = terms.Select(t => known.Contains(t.Text) ? [] : known.Near(t.Text, 4)).ToList();
        var alternatives = new List<string>();
        for (var rank = 0; rank < 4; rank++)
            for (var i = 0; i < terms.Count; i++)
                if (rank < near[i].Count)
                    alternatives.Add(string.Join(' ', terms.Select((t, j) => j == i ? near[i][rank] : t.Text)));
        if (near.Count(n => n.Count > 0) > 1)
            alternatives.Add(string.Join(' ', terms.Select((t, i) => near[i].Count > 0 ? near[i][0] : t.Text)));

        var connection = db.Database.GetDbConnection();
        var found = new List<string>();
        foreach (var alternative in alternatives.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSpellingChecks))
        {
            var matches = await MatchWordsAsync(connection, version, SearchTerms.Parse(alternative), ct);
            if (await CatalogSearchSql.CountAsync(connection, query, matches, ct) > 0) found.Add(alternative);
            if (found.Count == MaxDidYouMean) break;
        }
        return found;
    }

    private async Task<SpellingVocabulary> GetVocabularyAsync(KnowledgeHubDbContext db, long version, DateTimeOffset now, CancellationToken ct)
    {
        if (vocabulary is { } cached && (cached.Version == version || now - cached.BuiltUtc < VocabularyLifetime)) return cached.Vocabulary;

        var courses = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .Select(c => new { c.Title, c.Tags, c.Instructor!.DisplayName }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.NameZh, c.NameEn }).ToListAsync(ct);
        var built = SpellingVocabulary.Build(courses.SelectMany(c => new[] { c.Title, c.Tags, c.DisplayName })
            .Concat(categories.SelectMany(c => new[] { c.NameZh, c.NameEn })));
        vocabulary = new CachedVocabulary(version, now, built);
        return built;
    }
}
