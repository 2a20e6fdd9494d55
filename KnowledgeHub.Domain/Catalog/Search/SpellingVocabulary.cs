using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The words of the public catalogue (course title words, tags, category and instructor names) for "did you mean".
/// Latin words are near when their edit distance (with transpositions) is at most 1, or 2 from five letters on;
/// Chinese words when they share most of their characters.
/// </summary>
internal sealed partial class SpellingVocabulary
{
    private const int MaxTermLength = 40;
    private const int MaxRemembered = 10_000;
    private readonly Dictionary<string, Word> words = new(StringComparer.OrdinalIgnoreCase);
    private Word[][] byLength = []; // words by length, so a search only looks at lengths within the allowed distance
    private readonly ConcurrentDictionary<(string, int), IReadOnlyList<string>> remembered = new(); // Near's answers

    private sealed class Word(string text, bool cjk)
    {
        public string Text { get; } = text;
        public string Lower { get; } = text.ToLowerInvariant();
        public bool Cjk { get; } = cjk;
        public int Frequency { get; set; }
    }

    public static SpellingVocabulary Build(IEnumerable<string> texts)
    {
        var vocabulary = new SpellingVocabulary();
        foreach (var text in texts)
        foreach (Match match in WordPattern().Matches(text))
        {
            var cjk = IsCjk(match.Value[0]);
            if (!vocabulary.words.TryGetValue(match.Value, out var word))
                vocabulary.words[match.Value] = word = new Word(match.Value, cjk);
            word.Frequency++;
        }
        var lengths = vocabulary.words.Values.ToLookup(w => Math.Min(w.Text.Length, MaxTermLength + 3));
        vocabulary.byLength = Enumerable.Range(0, MaxTermLength + 4).Select(n => lengths[n].ToArray()).ToArray();
        return vocabulary;
    }

    public int Count => words.Count;

    public bool Contains(string word) => words.ContainsKey(word);

    /// <summary>
    /// Known words near <paramref name="term"/> (never the term itself), closest and most frequent first. Looking through
    /// 100,000 words takes a few milliseconds, so answers are remembered (up to 10,000 terms).
    /// </summary>
    public IReadOnlyList<string> Near(string term, int take)
    {
        if (remembered.TryGetValue((term, take), out var near)) return near;
        if (remembered.Count >= MaxRemembered) remembered.Clear();
        return remembered[(term, take)] = Find(term, take);
    }

    private IReadOnlyList<string> Find(string term, int take)
    {
        if (term.Length is < 2 or > MaxTermLength) return [];
        var cjk = term.Any(IsCjk);
        if (!cjk && !term.All(char.IsAsciiLetterOrDigit)) return [];
        var lower = term.ToLowerInvariant();
        var spread = cjk || term.Length >= 5 ? 2 : 1;
        var candidates = new List<(string Text, double Distance, int Frequency)>();
        for (var length = Math.Max(0, term.Length - spread); length <= term.Length + spread; length++)
            foreach (var word in byLength[length])
            {
                if (word.Cjk != cjk || word.Lower == lower) continue;
                var distance = cjk ? CjkDistance(term, word.Text) : LatinDistance(lower, word.Lower);
                if (distance is { } d) candidates.Add((word.Text, d, word.Frequency));
            }
        return candidates.OrderBy(c => c.Distance).ThenByDescending(c => c.Frequency).ThenBy(c => c.Text, StringComparer.Ordinal)
            .Take(take).Select(c => c.Text).ToList();
    }

    /// <summary>
    /// Optimal-string-alignment distance of two lower-case words, at most 1, or 2 from five letters on; null beyond.
    /// Three rolling rows on the stack: no allocation per word.
    /// </summary>
    private static double? LatinDistance(string a, string b)
    {
        var max = a.Length >= 5 ? 2 : 1;
        if (Math.Abs(a.Length - b.Length) > max) return null;
        Span<int> beforeLast = stackalloc int[b.Length + 1];
        Span<int> last = stackalloc int[b.Length + 1];
        Span<int> row = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) last[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            row[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(last[j] + 1, row[j - 1] + 1), last[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, beforeLast[j - 2] + 1);
                row[j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max) return null;
            var recycled = beforeLast;
            beforeLast = last;
            last = row;
            row = recycled;
        }
        return last[b.Length] <= max ? last[b.Length] : null;
    }

    /// <summary>
    /// For Chinese: the share of characters the two words do not have in common (0 = same characters). Near when they
    /// share at least two characters and at least 60% of the longer word, and differ in length by at most two.
    /// </summary>
    private static double? CjkDistance(string term, string word)
    {
        if (Math.Abs(term.Length - word.Length) > 2) return null;
        Span<char> remaining = stackalloc char[word.Length];
        word.AsSpan().CopyTo(remaining);
        var left = remaining.Length;
        var shared = 0;
        foreach (var c in term)
        {
            var at = remaining[..left].IndexOf(c);
            if (at < 0) continue;
            remaining[at] = remaining[left - 1];
            left--;
            shared++;
        }
        var longer = Math.Max(term.Length, word.Length);
        if (shared < 2 || shared < Math.Ceiling(0.6 * longer)) return null;
        return 1 - (double)shared / longer;
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF';

    // Latin words of two or more letters (C#, C++ and scikit-learn style words included) and runs of Chinese characters.
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+#]*(?:-[A-Za-z0-9]+)*[A-Za-z0-9+#]|[\u3400-\u4DBF\u4E00-\u9FFF]{2,}")]
    private static partial Regex WordPattern();
}
