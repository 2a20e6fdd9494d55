using System.Buffers;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// Runs a query in memory over a <see cref="CatalogSnapshot"/> and the <see cref="WordMatches"/> of its words: walks the
/// smallest word's matches, keeps the positions every other word also matches (merging sorted lists) and the filters
/// pass, sums the words' scores, counts them all and keeps the best <c>skip + take</c> in a bounded heap. The order is
/// the SQL one: for relevance, the score and then popularity; otherwise the sort's rank, whose ties break by id.
/// A search over 15,000 matches costs well under a millisecond; nothing here touches the database.
/// </summary>
internal static class CatalogMatcher
{
    /// <summary>The ids of <paramref name="take"/> courses from <paramref name="skip"/> in order, and the number of all matches.</summary>
    public static (List<int> Ids, int Total) Find(CatalogSnapshot snapshot, CatalogQuery query, IReadOnlyList<WordMatches> words, long skip, int take)
    {
        var ids = new List<int>();
        if (snapshot.Filter(query) is not { } filter || words.Any(w => w.Count == 0)) return (ids, 0);

        var capacity = words.Count == 0 ? snapshot.Count : words.Min(w => w.Count);
        var positions = ArrayPool<int>.Shared.Rent(Math.Max(capacity, 1));
        var scores = ArrayPool<double>.Shared.Rent(Math.Max(capacity, 1));
        try
        {
            var total = Collect(snapshot, filter, words, positions, scores, int.MaxValue);
            if (skip >= total) return (ids, total);
            var byScore = query.Sort == CatalogSort.Relevance && words.Count > 0;
            var best = Best(positions, scores, total, snapshot.Ranks(query.Sort), byScore, (int)Math.Min(skip + take, total));
            for (var i = (int)skip; i < best.Length; i++) ids.Add(snapshot.Ids[best[i]]);
            return (ids, total);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(positions);
            ArrayPool<double>.Shared.Return(scores);
        }
    }

    /// <summary>Whether any course passes the filters and matches every word.</summary>
    public static bool Any(CatalogSnapshot snapshot, CatalogQuery query, IReadOnlyList<WordMatches> words)
    {
        if (snapshot.Filter(query) is not { } filter || words.Any(w => w.Count == 0)) return false;
        return Collect(snapshot, filter, words, new int[1], new double[1], limit: 1) > 0;
    }

    /// <summary>Writes up to <paramref name="limit"/> matching positions with their summed scores; returns how many.</summary>
    private static int Collect(CatalogSnapshot snapshot, CatalogSnapshot.CourseFilter filter, IReadOnlyList<WordMatches> words,
        int[] positions, double[] scores, int limit)
    {
        var n = 0;
        if (words.Count == 0)
        {
            for (var p = 0; p < snapshot.Count && n < limit; p++)
                if (filter.Matches(p))
                {
                    positions[n] = p;
                    scores[n++] = 0;
                }
            return n;
        }

        var ordered = words.OrderBy(w => w.Count).ToArray();
        var driver = ordered[0];
        Span<int> cursors = stackalloc int[ordered.Length];
        for (var i = 0; i < driver.Count && n < limit; i++)
        {
            var position = driver.Positions[i];
            var score = driver.Scores[i];
            var everyWord = true;
            for (var w = 1; w < ordered.Length; w++)
            {
                var other = ordered[w].Positions;
                var c = cursors[w];
                while (c < other.Length && other[c] < position) c++;
                cursors[w] = c;
                if (c == other.Length) return n; // this word has no later match: neither has the query
                if (other[c] != position)
                {
                    everyWord = false;
                    break;
                }
                score += ordered[w].Scores[c];
            }
            if (everyWord && filter.Matches(position))
            {
                positions[n] = position;
                scores[n++] = score;
            }
        }
        return n;
    }

    /// <summary>The best <paramref name="k"/> of the candidates, best first.</summary>
    private static int[] Best(int[] positions, double[] scores, int count, int[] ranks, bool byScore, int k)
    {
        var heap = new PriorityQueue<int, Key>(k, WorstFirst.Instance); // its head is the worst of the best so far
        for (var i = 0; i < count; i++)
        {
            var key = new Key(byScore ? scores[i] : 0, ranks[positions[i]]);
            if (heap.Count < k) heap.Enqueue(positions[i], key);
            else if (heap.TryPeek(out _, out var worst) && WorstFirst.Instance.Compare(key, worst) > 0) heap.DequeueEnqueue(positions[i], key);
        }
        var best = new int[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--) best[i] = heap.Dequeue();
        return best;
    }

    private readonly record struct Key(double Score, int Rank);

    /// <summary>Orders keys from worst to best: lower score first, then the later rank.</summary>
    private sealed class WorstFirst : IComparer<Key>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Key x, Key y) => x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Rank.CompareTo(x.Rank);
    }
}
