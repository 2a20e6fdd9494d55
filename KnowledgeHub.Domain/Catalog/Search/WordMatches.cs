using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The published courses one word finds at one catalogue version, without filters: their positions in a
/// <see cref="CatalogSnapshot"/> (ascending) and the word's relevance score for each (see <see cref="CatalogSearchSql"/>).
/// Valid for a snapshot of the same version with the same <see cref="CatalogSnapshot.Ids"/> array.
/// </summary>
internal sealed class WordMatches
{
    private long lastUsed;

    public WordMatches(long version, int[] courseIds, int[] positions, double[] scores)
    {
        for (var i = 1; i < positions.Length; i++)
            if (positions[i - 1] > positions[i])
            {
                Array.Sort(positions, scores);
                break;
            }
        Version = version;
        CourseIds = courseIds;
        Positions = positions;
        Scores = scores;
    }

    public long Version { get; }
    /// <summary>The snapshot's id array the positions index.</summary>
    public int[] CourseIds { get; }
    public int[] Positions { get; }
    public double[] Scores { get; }
    public int Count => Positions.Length;

    public bool AppliesTo(CatalogSnapshot snapshot) => Version == snapshot.Version && CourseIds == snapshot.Ids;

    internal long LastUsed { get => Volatile.Read(ref lastUsed); set => Volatile.Write(ref lastUsed, value); }
}

/// <summary>
/// The <see cref="WordMatches"/> of the words searched for, shared by all searches, read once per catalogue version and
/// word (folded to lower case, as the index folds it). Entries of other versions are dropped as soon as one of a new
/// version is stored. Bounded to <see cref="MaxPositions"/> positions in all (12 bytes each: 12 MB) and <see cref="MaxWords"/>
/// words; beyond that the least recently used words go first.
/// </summary>
internal sealed class WordMatchCache
{
    public const int MaxPositions = 1_000_000;
    public const int MaxWords = 10_000;

    private readonly ConcurrentDictionary<string, WordMatches> entries = new(StringComparer.Ordinal);
    private readonly Lock writing = new();
    private long uses;
    private long positions;
    private long storedVersion;

    public long PositionCount => Interlocked.Read(ref positions);
    public int WordCount => entries.Count;

    /// <summary>
    /// Each term's matches for the snapshot, read from the index when not cached. A read that finds the catalogue at a
    /// newer version than the snapshot's returns matches of that version (their <see cref="WordMatches.Version"/> tells).
    /// </summary>
    public async Task<IReadOnlyList<WordMatches>> GetAsync(SqliteConnection connection, CatalogSnapshot snapshot, IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var found = new List<WordMatches>(terms.Count);
        foreach (var term in terms)
        {
            var key = term.Text.ToLowerInvariant();
            if (!entries.TryGetValue(key, out var matches) || !matches.AppliesTo(snapshot))
            {
                matches = await CatalogSearchSql.ReadMatchesAsync(connection, snapshot, term, ct);
                matches.LastUsed = Interlocked.Increment(ref uses);
                if (matches.AppliesTo(snapshot)) Store(key, matches);
            }
            else matches.LastUsed = Interlocked.Increment(ref uses);
            found.Add(matches);
        }
        return found;
    }

    public void Clear()
    {
        lock (writing)
        {
            entries.Clear();
            positions = 0;
        }
    }

    private void Store(string key, WordMatches matches)
    {
        lock (writing)
        {
            if (matches.Version != storedVersion) // the catalogue changed: the other words' matches are of no more use
            {
                foreach (var (oldKey, old) in entries)
                    if (old.Version != matches.Version && entries.TryRemove(oldKey, out _)) positions -= old.Count;
                storedVersion = matches.Version;
            }
            if (entries.TryGetValue(key, out var replaced)) positions -= replaced.Count;
            entries[key] = matches;
            positions += matches.Count;
            if (positions > MaxPositions || entries.Count > MaxWords) EvictLeastRecentlyUsed();
        }
    }

    /// <summary>Drops the least recently used words until the cache is at three quarters of its bounds.</summary>
    private void EvictLeastRecentlyUsed()
    {
        foreach (var (key, old) in entries.OrderBy(e => e.Value.LastUsed).ToList())
        {
            if (positions <= MaxPositions * 3L / 4 && entries.Count <= MaxWords * 3 / 4) break;
            if (entries.TryRemove(key, out _)) positions -= old.Count;
        }
    }
}
