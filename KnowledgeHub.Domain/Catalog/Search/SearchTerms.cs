using System.Text;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// One word of a search. Words of at least <see cref="SearchTerms.IndexedLength"/> characters (Unicode code points) are
/// FTS5 trigram phrases; shorter ones (学习, AI, C#) are too short for a phrase (see <see cref="CatalogSearchSql"/>).
/// </summary>
internal sealed record SearchTerm(string Text, int Length)
{
    public bool Indexed => Length >= SearchTerms.IndexedLength;
}

/// <summary>Splits user input into terms, and quotes them as FTS5 and LIKE operands that are only ever literal text.</summary>
internal static class SearchTerms
{
    /// <summary>The trigram tokenizer cannot match anything shorter.</summary>
    public const int IndexedLength = 3;
    public const int MaxTerms = 20;

    // Whitespace (char.IsWhiteSpace covers the full-width U+3000) and list separators people type between words.
    private static readonly char[] Separators = [',', ';', '，', '、', '；'];

    public static IReadOnlyList<SearchTerm> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var terms = new List<SearchTerm>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var word = new StringBuilder();
        var length = 0;

        void Flush()
        {
            if (word.Length > 0 && terms.Count < MaxTerms && seen.Add(word.ToString())) terms.Add(new SearchTerm(word.ToString(), length));
            word.Clear();
            length = 0;
        }

        foreach (var rune in Runes(text))
        {
            if (Rune.IsWhiteSpace(rune) || (rune.IsBmp && Array.IndexOf(Separators, (char)rune.Value) >= 0)) Flush();
            else if (!Rune.IsControl(rune))
            {
                word.Append(rune.ToString());
                length++;
            }
        }
        Flush();
        return terms;
    }

    /// <summary>An FTS5 phrase: quoted, inner quotes doubled, so nothing in it is FTS5 syntax.</summary>
    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A LIKE pattern (escape character '\') for text containing the term.</summary>
    public static string ContainsPattern(string term) => "%" + EscapeLike(term) + "%";

    public static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>The runes of the text; a lone surrogate (e.g. an emoji cut in half at the length limit) is dropped.</summary>
    private static IEnumerable<Rune> Runes(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) == System.Buffers.OperationStatus.Done) yield return rune;
            i += consumed;
        }
    }
}
