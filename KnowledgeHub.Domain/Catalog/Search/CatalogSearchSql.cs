using System.Data.Common;
using System.Globalization;
using System.Text;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The SQL of the catalogue search over the structures of the CourseSearchIndex migration. Every value is a parameter;
/// user text reaches FTS5 only as quoted phrases. How a word is matched:
/// <list type="bullet">
/// <item>three or more characters: an FTS5 phrase (a trigram substring match), ranked by bm25 over weighted columns;</item>
/// <item>one or two characters: the trigrams that begin with it (every character starts one, as the index pads each
/// column with two spaces), read from the fts5vocab table and OR-ed into an FTS5 query, so the index finds exactly the
/// courses whose text contains the word (what LIKE '%word%' finds, without reading every row); ranked by the column it
/// occurs in: title, then subtitle/tags/instructor, then description. A word with too many such trigrams (a very common
/// character) is matched through the vocabulary's instance list instead, and ranked by popularity.</item>
/// </list>
/// Filters, counts and every sort order run on covering indexes of Courses; only the final page's rows are read whole.
/// </summary>
internal static class CatalogSearchSql
{
    /// <summary>Above this many trigrams an OR query gets slower than reading the instance list.</summary>
    private const int MaxExpansion = 128;
    private static readonly string Published = ((int)CourseStatus.Published).ToString(CultureInfo.InvariantCulture);

    // Weights of title, subtitle, description, tags and instructor (the FTS5 column order).
    private const string Bm25 = "bm25(CourseSearch, 10.0, 5.0, 1.0, 4.0, 3.0)";

    /// <summary>How one word is matched; <see cref="Expression"/> is null for a word matched through <see cref="Range"/>.</summary>
    internal sealed record WordMatch(SearchTerm Term, string? Expression, (string From, string To)? Range)
    {
        public bool NeverMatches => Expression is null && Range is null;
    }

    /// <summary>Turns a word into an FTS5 operand; for a short word this reads the index's vocabulary.</summary>
    public static async Task<WordMatch> MatchWordAsync(DbConnection connection, SearchTerm term, CancellationToken ct)
    {
        if (term.Indexed) return new WordMatch(term, SearchTerms.Quote(term.Text), null);
        var (from, to) = PrefixRange(term.Text);
        await using var command = connection.CreateCommand();
        var sql = new Parameters(command);
        command.CommandText = $"SELECT term FROM CourseSearchTerms WHERE term >= {sql.Add(from)} AND term < {sql.Add(to)} LIMIT {MaxExpansion + 1}";
        var trigrams = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                trigrams.Add(reader.GetString(0));
        return trigrams.Count switch
        {
            0 => new WordMatch(term, null, null),
            > MaxExpansion => new WordMatch(term, null, (from, to)),
            _ => new WordMatch(term, "(" + string.Join(" OR ", trigrams.Select(SearchTerms.Quote)) + ")", null),
        };
    }

    /// <summary>
    /// The ids of <paramref name="take"/> courses from <paramref name="skip"/> in order, and the number of all matches.
    /// </summary>
    public static async Task<(List<int> Ids, int Total)> FindAsync(DbConnection connection, CatalogQuery query, IReadOnlyList<WordMatch> words,
        long skip, int take, CancellationToken ct)
    {
        var ids = new List<int>(Math.Min(take, 256));
        if (words.Any(w => w.NeverMatches)) return (ids, 0);
        var rank = query.Sort == CatalogSort.Relevance && words.Count > 0;
        await using var command = connection.CreateCommand();
        var sql = new Parameters(command);

        if (rank)
        {
            // Ranking reads every match anyway, so the total comes with the page.
            var (from, score) = From(sql, query, words, rank: true);
            command.CommandText = $"SELECT c.Id, {score} AS Score, COUNT(*) OVER () FROM {from} "
                + $"ORDER BY Score DESC, c.EnrollmentCount DESC, c.Id LIMIT {take} OFFSET {skip}";
            var total = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt32(0));
                    total = reader.GetInt32(2);
                }
            if (ids.Count == 0 && skip > 0) total = await CountAsync(connection, query, words, ct);
            return (ids, total);
        }

        var count = await CountAsync(connection, query, words, ct);
        if (skip >= count) return (ids, count);
        var (browse, _) = From(sql, query, words, rank: false);
        command.CommandText = $"SELECT c.Id FROM {browse} ORDER BY {OrderBy(query.Sort)} LIMIT {take} OFFSET {skip}";
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetInt32(0));
        return (ids, count);
    }

    public static async Task<int> CountAsync(DbConnection connection, CatalogQuery query, IReadOnlyList<WordMatch> words, CancellationToken ct)
    {
        if (words.Any(w => w.NeverMatches)) return 0;
        await using var command = connection.CreateCommand();
        var (from, _) = From(new Parameters(command), query, words, rank: false);
        command.CommandText = $"SELECT COUNT(*) FROM {from}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Published courses whose title contains every word, most enrolled first.</summary>
    public static async Task<List<(string Title, string Slug)>> FindTitlesAsync(DbConnection connection, IReadOnlyList<WordMatch> words, int take, CancellationToken ct)
    {
        var titles = new List<(string, string)>();
        if (words.Count == 0 || words.Any(w => w.NeverMatches)) return titles;
        await using var command = connection.CreateCommand();
        var sql = new Parameters(command);
        var conditions = words.Select(w => w.Expression is { } e
            ? $"+c.Id IN (SELECT rowid FROM CourseSearch WHERE CourseSearch MATCH {sql.Add("title : " + e)})"
            : $"+c.Id IN (SELECT doc FROM CourseSearchInstances WHERE term >= {sql.Add(w.Range!.Value.From)} AND term < {sql.Add(w.Range.Value.To)} AND col = 'title')");
        command.CommandText = $"SELECT c.Title, c.Slug FROM Courses AS c WHERE c.Status = {Published} AND {string.Join(" AND ", conditions)} "
            + $"ORDER BY c.EnrollmentCount DESC, c.Id LIMIT {take}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            titles.Add((reader.GetString(0), reader.GetString(1)));
        return titles;
    }

    /// <summary>
    /// FROM … WHERE over published courses with the filters and words, and the relevance score when ranking. Word
    /// conditions are written <c>+c.Id IN (…)</c> so SQLite probes the match set while it walks a covering index instead of
    /// reading each matching course row.
    /// </summary>
    private static (string From, string Score) From(Parameters sql, CatalogQuery query, IReadOnlyList<WordMatch> words, bool rank)
    {
        var from = new StringBuilder("Courses AS c");
        var where = new List<string> { "c.Status = " + Published };
        var score = new List<string>();

        var phrases = string.Join(' ', words.Where(w => w.Term.Indexed).Select(w => w.Expression));
        if (phrases.Length > 0)
        {
            if (rank)
            {
                from.Append($" JOIN (SELECT rowid AS Id, -{Bm25} AS Score FROM CourseSearch WHERE CourseSearch MATCH {sql.Add(phrases)}) AS s ON s.Id = c.Id");
                score.Add("s.Score");
            }
            else where.Add($"+c.Id IN (SELECT rowid FROM CourseSearch WHERE CourseSearch MATCH {sql.Add(phrases)})");
        }
        foreach (var word in words.Where(w => !w.Term.Indexed))
        {
            if (word.Expression is { } expression)
            {
                where.Add($"+c.Id IN (SELECT rowid FROM CourseSearch WHERE CourseSearch MATCH {sql.Add(expression)})");
                if (rank)
                {
                    score.Add($"10.0 * (c.Id IN (SELECT rowid FROM CourseSearch WHERE CourseSearch MATCH {sql.Add("title : " + expression)}))");
                    score.Add($"4.0 * (c.Id IN (SELECT rowid FROM CourseSearch WHERE CourseSearch MATCH {sql.Add("{subtitle tags instructor} : " + expression)}))");
                }
            }
            else
            {
                var (low, high) = word.Range!.Value;
                where.Add($"+c.Id IN (SELECT doc FROM CourseSearchInstances WHERE term >= {sql.Add(low)} AND term < {sql.Add(high)})");
            }
        }

        if (query.CategorySlug is { } slug)
        {
            var p = sql.Add(slug);
            where.Add($"c.CategoryId IN (SELECT Id FROM Categories WHERE Slug = {p} OR ParentId IN (SELECT Id FROM Categories WHERE Slug = {p}))");
        }
        if (query.Level is { } level) where.Add("c.Level = " + sql.Add((int)level));
        if (query.Language is { } language) where.Add("c.Language = " + sql.Add(language));
        switch (query.Price)
        {
            case PriceBand.Free: where.Add("c.PriceMinor = 0"); break;
            case PriceBand.Under50: where.Add("c.PriceMinor > 0 AND c.PriceMinor < 5000"); break;
            case PriceBand.From50To200: where.Add("c.PriceMinor BETWEEN 5000 AND 20000"); break;
            case PriceBand.Over200: where.Add("c.PriceMinor > 20000"); break;
        }
        if (query.MinRating is { } rating) where.Add("c.RatingAverage >= " + sql.Add(rating));

        return ($"{from} WHERE {string.Join(" AND ", where)}", score.Count == 0 ? "0.0" : string.Join(" + ", score));
    }

    /// <summary>Every order ends with the id, so pages never overlap or skip a course.</summary>
    private static string OrderBy(CatalogSort sort) => sort switch
    {
        CatalogSort.Newest => "c.PublishedUtc DESC, c.Id",
        CatalogSort.Rating => "c.RatingAverage DESC, c.RatingCount DESC, c.Id",
        CatalogSort.PriceLow => "c.PriceMinor, c.Id",
        CatalogSort.PriceHigh => "c.PriceMinor DESC, c.Id",
        _ => "c.EnrollmentCount DESC, c.Id", // Popular, and Relevance without words
    };

    /// <summary>
    /// The index's trigrams that begin with the word: the word folded to lower case as the trigram tokenizer does, up to
    /// (not including) the word with its last character raised by one.
    /// </summary>
    internal static (string From, string To) PrefixRange(string word)
    {
        var from = word.ToLowerInvariant();
        var last = Rune.GetRuneAt(from, from.Length - (char.IsLowSurrogate(from[^1]) ? 2 : 1));
        if (last.Value == 0x10FFFF) return (from, from + "\U0010FFFF\U0010FFFF");
        var next = last.Value == 0xD7FF ? "\uE000" : char.ConvertFromUtf32(last.Value + 1); // skipping the surrogate range
        return (from, from[..^last.Utf16SequenceLength] + next);
    }

    /// <summary>Adds positional parameters ($p0, $p1, …) to a command.</summary>
    private sealed class Parameters(DbCommand command)
    {
        public string Add(object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameter.Value = value;
            command.Parameters.Add(parameter);
            return parameter.ParameterName;
        }
    }
}
