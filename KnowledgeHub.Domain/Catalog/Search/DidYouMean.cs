using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// "Did you mean" for a search that found nothing: up to three versions of the text with one unknown word (or, failing
/// that, every unknown word) replaced by a near word of the catalogue (<see cref="SpellingVocabulary"/>), each checked
/// by the caller to find courses with the same filters.
/// <para>
/// The vocabulary is shared process-wide. Reading it takes about half a second for 50,000 courses, so only the very first
/// "did you mean" waits for it; after a catalogue change the current one stays in use while a new one is read on the
/// thread pool (at most once per <see cref="RebuildInterval"/>). Every alternative is checked against the live index, so an
/// older vocabulary can only miss words of new courses, never suggest a search that finds nothing.
/// </para>
/// </summary>
internal sealed class DidYouMean
{
    public static readonly TimeSpan RebuildInterval = TimeSpan.FromMinutes(1);
    public const int MaxAlternatives = 3;
    private const int NearWords = 4;
    private const int MaxChecks = 12;

    private readonly IDbContextFactory<KnowledgeHubDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly SharedLoad<BuiltVocabulary> vocabulary;

    private sealed record BuiltVocabulary(long Version, DateTimeOffset BuiltUtc, SpellingVocabulary Words);

    public DidYouMean(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, Action<Exception> onRebuildError)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        vocabulary = new SharedLoad<BuiltVocabulary>(BuildAsync, onRebuildError);
    }

    public int VocabularySize => vocabulary.Current?.Words.Count ?? 0;

    /// <summary>The alternatives for <paramref name="terms"/> for which <paramref name="findsAny"/> holds, best first.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(long version, IReadOnlyList<SearchTerm> terms,
        Func<IReadOnlyList<SearchTerm>, CancellationToken, Task<bool>> findsAny, CancellationToken ct)
    {
        var known = await GetVocabularyAsync(version, ct);
        // Only words the catalogue does not know are taken for misspelt; known words that find nothing together, or
        // within the filters, have nothing to correct.
        var near = terms.Select(t => known.Contains(t.Text) ? [] : known.Near(t.Text, NearWords)).ToList();
        var alternatives = new List<string>();
        for (var rank = 0; rank < NearWords; rank++)
            for (var i = 0; i < terms.Count; i++)
                if (rank < near[i].Count)
                    alternatives.Add(string.Join(' ', terms.Select((t, j) => j == i ? near[i][rank] : t.Text)));
        if (near.Count(n => n.Count > 0) > 1)
            alternatives.Add(string.Join(' ', terms.Select((t, i) => near[i].Count > 0 ? near[i][0] : t.Text)));

        var found = new List<string>();
        foreach (var alternative in alternatives.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxChecks))
        {
            if (await findsAny(SearchTerms.Parse(alternative), ct)) found.Add(alternative);
            if (found.Count == MaxAlternatives) break;
        }
        return found;
    }

    /// <summary>Reads the vocabulary unless it is there; for the benchmark and start-up warming.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        if (vocabulary.Current is null) await vocabulary.LoadAsync(ct);
    }

    private async Task<SpellingVocabulary> GetVocabularyAsync(long version, CancellationToken ct)
    {
        if (vocabulary.Current is not { } built) return (await vocabulary.LoadAsync(ct)).Words;
        if (built.Version != version && clock.GetUtcNow() - built.BuiltUtc >= RebuildInterval) _ = vocabulary.RefreshInBackground();
        return built.Words;
    }

    private async Task<BuiltVocabulary> BuildAsync(CancellationToken ct)
    {
        var builtUtc = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        // Read first: the words are then at least as new as the version they are recorded with.
        var version = await CatalogSearchSql.ReadVersionAsync(db.Database.GetDbConnection(), null, ct);
        var courses = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .Select(c => new { c.Title, c.Tags, c.Instructor!.DisplayName }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.NameZh, c.NameEn }).ToListAsync(ct);
        var words = SpellingVocabulary.Build(courses.SelectMany(c => new[] { c.Title, c.Tags, c.DisplayName })
            .Concat(categories.SelectMany(c => new[] { c.NameZh, c.NameEn })));
        return new BuiltVocabulary(version, builtUtc, words);
    }
}
