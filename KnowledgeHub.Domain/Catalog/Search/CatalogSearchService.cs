using System.Collections.Concurrent;
using System.Data.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The catalogue's search: filters, sort orders and paging over published courses, ranked full-text search in Chinese
/// and English, "did you mean" and the app bar's type-ahead. Registered as a singleton; what it keeps is process-wide.
/// <para>
/// How a search runs: it reads the catalogue version (a counter raised by the triggers of the CourseSearchIndex migration
/// whenever what a search finds may change), takes the <see cref="CatalogSnapshot"/> of the published courses' filter and
/// sort columns (<see cref="CatalogSnapshotSource"/>: reloaded after a change before the search goes on, and in the
/// background before it is a minute old), the <see cref="WordMatches"/> of each word (<see cref="WordMatchCache"/>: read
/// from the FTS5 index once per version and word, without filters, see <see cref="CatalogSearchSql"/>), and filters, ranks,
/// counts and pages them in memory (<see cref="CatalogMatcher"/>). So a search of words seen before costs well under a
/// millisecond whatever its filters and sort, and only the page's cards are read from the database.
/// </para>
/// Results (the first <see cref="CachedIds"/> ids of each query) are also cached, per version and for no longer than the
/// snapshot they came from is fresh (<see cref="CacheLifetime"/>), so popularity and rating orders are at most a minute
/// old. Cards are always read fresh. Memory, all bounded: the snapshot (46 bytes per published course: 2.3 MB for
/// 50,000), the word matches (at most 12 MB), the did-you-mean vocabulary (about 70 bytes per distinct word) and the
/// result caches (at most 2,000 queries each, about 1 KB per query).
/// </summary>
public sealed partial class CatalogSearchService
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    public const int MaxSuggestions = 20;
    /// <summary>Ids kept per cached query: ten pages of 24, five of 48.</summary>
    private const int CachedIds = 240;
    private const int MaxCachedQueries = 2_000;
    /// <summary>How often a search reloads when the catalogue keeps changing under it, before it uses what it has.</summary>
    private const int MaxReadsPerSearch = 3;

    private readonly IDbContextFactory<KnowledgeHubDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly ILogger<CatalogSearchService> logger;
    private readonly CatalogSnapshotSource snapshots;
    private readonly WordMatchCache words = new();
    private readonly DidYouMean didYouMean;
    private readonly ConcurrentDictionary<string, CachedResult> results = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CachedSuggestions> suggestions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, CatalogSearchSql.WordOperand Operand)> operands = new(StringComparer.Ordinal);

    private sealed record CachedResult(long Version, DateTimeOffset ExpiresUtc, int[] Ids, int Total, IReadOnlyList<string> DidYouMean);
    private sealed record CachedSuggestions(long Version, DateTimeOffset ExpiresUtc, SearchSuggestions Value);

    public CatalogSearchService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, ILogger<CatalogSearchService> logger)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        this.logger = logger;
        snapshots = new CatalogSnapshotSource(dbFactory, clock, ex => LogBackgroundLoadFailed(ex, "course snapshot"));
        didYouMean = new DidYouMean(dbFactory, clock, ex => LogBackgroundLoadFailed(ex, "did-you-mean vocabulary"));
    }

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken ct)
    {
        query = query.Normalize();
        var terms = SearchTerms.Parse(query.Text);
        var termTexts = terms.Select(t => t.Text).ToList();
        if (query.Text is not null && terms.Count == 0) // only separators: nothing to look for
            return new CatalogPage([], 0, query.Page, query.PageSize, [], []);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var version = await CatalogSearchSql.ReadVersionAsync(connection, null, ct);
        var skip = (long)(query.Page - 1) * query.PageSize;
        var key = string.Join('\u001f', terms.Select(t => t.Text.ToLowerInvariant()))
            + FormattableString.Invariant($"\u001e{query.CategorySlug}|{query.Level}|{query.Language}|{query.Price}|{query.MinRating:R}|{query.Sort}");

        List<int> ids;
        int total;
        IReadOnlyList<string> alternatives;
        if (results.TryGetValue(key, out var hit) && hit.Version == version && hit.ExpiresUtc > clock.GetUtcNow()
            && (skip + query.PageSize <= hit.Ids.Length || hit.Ids.Length == hit.Total))
        {
            ids = Slice(hit.Ids, skip, query.PageSize);
            (total, alternatives) = (hit.Total, hit.DidYouMean);
        }
        else
        {
            var (snapshot, matches) = await ReadWordsAsync(connection, version, terms, ct);
            var cacheable = skip + query.PageSize <= CachedIds;
            (ids, total) = CatalogMatcher.Find(snapshot, query, matches, cacheable ? 0 : skip, cacheable ? CachedIds : query.PageSize);
            alternatives = total == 0 && terms.Count > 0
                ? await didYouMean.FindAsync(snapshot.Version, terms,
                    async (alternative, t) => CatalogMatcher.Any(snapshot, query, await words.GetAsync(connection, snapshot, alternative, t)), ct)
                : [];
            if (cacheable)
            {
                if (results.Count >= MaxCachedQueries) results.Clear();
                results[key] = new CachedResult(snapshot.Version, snapshot.LoadedUtc + CacheLifetime, [.. ids], total, alternatives);
                ids = Slice(ids, skip, query.PageSize);
            }
        }

        IReadOnlyList<CourseCardModel> items = [];
        if (ids.Count > 0)
        {
            var cards = await CatalogQueries.ToCards(db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))).ToDictionaryAsync(c => c.Id, ct);
            items = ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
        }
        return new CatalogPage(items, total, query.Page, query.PageSize, termTexts, alternatives);
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
        var version = await CatalogSearchSql.ReadVersionAsync(connection, null, ct);
        var now = clock.GetUtcNow();
        var key = FormattableString.Invariant($"{chinese}|{take}|") + string.Join('\u001f', terms.Select(t => t.Text.ToLowerInvariant()));
        if (suggestions.TryGetValue(key, out var hit) && hit.Version == version && hit.ExpiresUtc > now) return hit.Value;

        var words = await ExpandAsync(connection, version, terms, ct);
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

    /// <summary>
    /// Loads the course snapshot and the did-you-mean vocabulary if they are not there yet, so that the first searches
    /// do not wait for them (about 0.1 s and 0.5 s for 50,000 courses). Optional: searches load them when they need them.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.OpenConnectionAsync(ct);
            await snapshots.GetAsync(await CatalogSearchSql.ReadVersionAsync(db.Database.GetDbConnection(), null, ct), ct);
        }
        await didYouMean.WarmAsync(ct);
    }

    /// <summary>Forgets cached results and suggestions (not the snapshot or word matches): for benchmarks.</summary>
    internal void ForgetResults()
    {
        results.Clear();
        suggestions.Clear();
    }

    /// <summary>Forgets the words' matches as a catalogue change does (not the snapshot): for benchmarks.</summary>
    internal void ForgetWords()
    {
        words.Clear();
        operands.Clear();
    }

    /// <summary>What the process-wide state holds: for benchmarks.</summary>
    internal (long SnapshotBytes, int Words, long WordPositions, int VocabularyWords) Footprint() =>
        (snapshots.Current?.ApproximateBytes ?? 0, words.WordCount, words.PositionCount, didYouMean.VocabularySize);

    /// <summary>
    /// A snapshot of at least <paramref name="version"/> and the matches of every term for it. Matches read at a newer
    /// version (the catalogue changed during the search) send the search to a newer snapshot; should the catalogue keep
    /// changing, the third attempt is used as it is: positions always belong to the snapshot they were read for.
    /// </summary>
    private async Task<(CatalogSnapshot Snapshot, IReadOnlyList<WordMatches> Matches)> ReadWordsAsync(SqliteConnection connection, long version,
        IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var snapshot = await snapshots.GetAsync(version, ct);
        for (var reads = 1; ; reads++)
        {
            var matches = await words.GetAsync(connection, snapshot, terms, ct);
            var newest = matches.Count == 0 ? snapshot.Version : matches.Max(m => m.Version);
            if (newest <= snapshot.Version || reads == MaxReadsPerSearch) return (snapshot, matches);
            snapshot = await snapshots.GetAsync(newest, ct);
        }
    }

    /// <summary>The FTS5 operand of each word (for the type-ahead); a short word's trigram list is kept until the index changes.</summary>
    private async Task<IReadOnlyList<CatalogSearchSql.WordOperand>> ExpandAsync(DbConnection connection, long version,
        IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var expanded = new List<CatalogSearchSql.WordOperand>(terms.Count);
        foreach (var term in terms)
        {
            var key = term.Text.ToLowerInvariant();
            if (operands.TryGetValue(key, out var hit) && hit.Version == version)
            {
                expanded.Add(hit.Operand with { Term = term });
                continue;
            }
            var operand = await CatalogSearchSql.ExpandAsync(connection, null, term, ct);
            if (!term.Indexed)
            {
                if (operands.Count >= MaxCachedQueries) operands.Clear();
                operands[key] = (version, operand);
            }
            expanded.Add(operand);
        }
        return expanded;
    }

    private static List<int> Slice(IReadOnlyList<int> ids, long skip, int take) =>
        skip >= ids.Count ? [] : ids.Skip((int)skip).Take(take).ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search: reloading the {What} in the background failed; it is loaded again when needed")]
    private partial void LogBackgroundLoadFailed(Exception exception, string what);
}
