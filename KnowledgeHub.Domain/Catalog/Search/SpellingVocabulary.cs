using System.Text.RegularExpressions;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The words of the public catalogue (course title words, tags, category and instructor names) for "did you mean".
/// Latin words are near when their edit distance (with transpositions) is at most 1, or 2 from five letters on;
/// Chinese words when they share most of their characters.
/// </summary>
internal sealed partial class SpellingVocabulary
{
    private readonly Dictionary<string, Word> words = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Word(string text, bool cjk)
    {
        public string Text { get; } = text;
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
        return vocabulary;
    }

    public int Count => words.Count;

    public bool Contains(string word) => words.ContainsKey(word);

    /// <summary>Known words near <paramref name="term"/> (never the term itself), closest and most frequent first.</summary>
    public IReadOnlyList<string> Near(string term, int take)
    {
        if (term.Length is < 2 or > 40) return [];
        var cjk = term.Any(IsCjk);
        if (!cjk && !term.All(char.IsAsciiLetterOrDigit)) return [];
        var candidates = new List<(string Text, double Distance, int Frequency)>();
        foreach (var word in words.Values)
        {
            if (word.Cjk != cjk || string.Equals(word.Text, term, StringComparison.OrdinalIgnoreCase)) continue;
            var distance = cjk ? CjkDistance(term, word.Text) : LatinDistance(term, word.Text);
            if (distance is { } d) candidates.Add((word.Text, d, word.Frequency));
        }
        return candidates.OrderBy(c => c.Distance).ThenByDescending(c => c.Frequency).ThenBy(c => c.Text, StringComparer.Ordinal)
            .Take(take).Select(c => c.Text).ToList();
    }

    /// <summary>Optimal-string-alignment distance, case-insensitive; null when beyond the allowed distance.</summary>
    private static double? LatinDistance(string term, string word)
    {
        var max = term.Length >= 5 ? 2 : 1;
        if (Math.Abs(term.Length - word.Length) > max) return null;
        var a = term.ToLowerInvariant();
        var b = word.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var rowMin = int.MaxValue;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) value = Math.Min(value, d[i - 2, j - 2] + 1);
                d[i, j] = value;
                rowMin = Math.Min(rowMin, value);
            }
            if (rowMin > max) return null;
        }
        return d[a.Length, b.Length] <= max ? d[a.Length, b.Length] : null;
    }

    /// <summary>
    /// For Chinese: the share of characters the two words do not have in common (0 = same characters). Near when they
    /// share at least two characters and at least 60% of the longer word, and differ in length by at most two.
    /// </summary>
    private static double? CjkDistance(string term, string word)
    {
        if (Math.Abs(term.Length - word.Length) > 2) return null;
        var remaining = word.ToList();
        var shared = 0;
        foreach (var c in term)
            if (remaining.Remove(c)) shared++;
        var longer = Math.Max(term.Length, word.Length);
        if (shared < 2 || shared < Math.Ceiling(0.6 * longer)) return null;
        return 1 - (double)shared / longer;
    }

    private static bool IsCjk(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF';

    // Latin words of two or more letters (C#, C++ and scikit-learn style words included) and runs of Chinese characters.
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+#]*(?:-[A-Za-z0-9]+)*[A-Za-z0-9+#]|[\u3400-\u4DBF\u4E00-\u9FFF]{2,}")]
    private static partial Regex WordPattern();
}
