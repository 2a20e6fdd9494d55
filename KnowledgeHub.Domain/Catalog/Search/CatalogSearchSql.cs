using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The SQL of the catalogue search over the structures of the CourseSearchIndex migration. Every value is a parameter;
/// user text reaches FTS5 only as quoted phrases. How a word is matched:
/// <list type="bullet">
/// <item>three or more characters: an FTS5 phrase (a trigram substring match), scored by bm25 over weighted columns;</item>
/// <item>one or two characters: the trigrams that begin with it (every character starts one, as the index pads each
/// column with two spaces), read from the fts5vocab table and OR-ed into an FTS5 query, so the index finds exactly the
/// courses whose text contains the word (what LIKE '%word%' finds, without reading every row); scored by the column it
/// occurs in: 10 for the title, 4 for subtitle/tags/instructor, both add up, 0 for the description only. A word with too
/// many such trigrams (a very common character) is read from the vocabulary's instance list instead, with the same scores.</item>
/// </list>
/// A word is read once per catalogue version, without filters (<see cref="ReadMatchesAsync"/>); filters, ranking and
/// paging then run in memory (<see cref="CatalogMatcher"/>). bm25 of several phrases is the sum of each phrase's bm25,
/// so summing the words' scores ranks as one FTS5 query of all the words would.
/// </summary>
internal static class CatalogSearchSql
{
    /// <summary>Above this many trigrams an OR query gets slower than reading the instance list.</summary>
    private const int MaxExpansion = 128;
    private static readonly string Published = ((int)CourseStatus.Published).ToString(CultureInfo.InvariantCulture);

    // Weights of title, subtitle, description, tags and instructor (the FTS5 column order).
    private const string Bm25 = "bm25(CourseSearch, 10.0, 5.0, 1.0, 4.0, 3.0)";
    private const double TitleScore = 10.0;
    private const double OtherFieldsScore = 4.0;

    /// <summary>How one word is matched; <see cref="Expression"/> is null for a word matched through <see cref="Range"/>.</summary>
    internal sealed record WordOperand(SearchTerm Term, string? Expression, (string From, string To)? Range)
    {
        public bool NeverMatches => Expression is null && Range is null;
    }

    /// <summary>Raised by the triggers whenever what a search finds may have changed.</summary>
    public static async Task<long> ReadVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Value FROM CourseSearchVersion WHERE Id = 1";
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, CultureInfo.InvariantCulture);
    }

    /// <summary>Turns a word into an FTS5 operand; for a short word this reads the index's vocabulary.</summary>
    public static async Task<WordOperand> ExpandAsync(DbConnection connection, DbTransaction? transaction, SearchTerm term, CancellationToken ct)
    {
        if (term.Indexed) return new WordOperand(term, SearchTerms.Quote(term.Text), null);
        var (from, to) = PrefixRange(term.Text);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new Parameters(command);
        command.CommandText = $"SELECT term FROM CourseSearchTerms WHERE term >= {sql.Add(from)} AND term < {sql.Add(to)} LIMIT {MaxExpansion + 1}";
        var trigrams = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                trigrams.Add(reader.GetString(0));
        return trigrams.Count switch
        {
            0 => new WordOperand(term, null, null),
            > MaxExpansion => new WordOperand(term, null, (from, to)),
            _ => new WordOperand(term, "(" + string.Join(" OR ", trigrams.Select(SearchTerms.Quote)) + ")", null),
        };
    }

    /// <summary>
    /// Every course of the snapshot that the word finds, with the word's score for it, read in one read transaction
    /// together with the catalogue version the matches belong to (which may be newer than the snapshot's).
    /// </summary>
    public static async Task<WordMatches> ReadMatchesAsync(SqliteConnection connection, CatalogSnapshot snapshot, SearchTerm term, CancellationToken ct)
    {
        await using var transaction = connection.BeginTransaction(deferred: true);
        var version = await ReadVersionAsync(connection, transaction, ct);
        var operand = await ExpandAsync(connection, transaction, term, ct);
        var scores = new Dictionary<int, double>(); // by course id
        if (term.Indexed)
            await ReadAsync(connection, transaction, $"SELECT rowid, -{Bm25} FROM CourseSearch WHERE CourseSearch MATCH $p0", [operand.Expression!],
                (id, score) => scores[id] = score, ct);
        else if (operand.Expression is { } e)
        {
            const string match = "SELECT rowid, 0.0 FROM CourseSearch WHERE CourseSearch MATCH $p0";
            await ReadAsync(connection, transaction, match, [e], (id, _) => scores[id] = 0, ct);
            await ReadAsync(connection, transaction, match, ["title : " + e], (id, _) => scores[id] += TitleScore, ct);
            await ReadAsync(connection, transaction, match, ["{subtitle tags instructor} : " + e], (id, _) => scores[id] += OtherFieldsScore, ct);
        }
        else if (operand.Range is (var from, var to))
        {
            // Two passes over the instance list: every course, then the courses with the word outside the description.
            const string instances = "FROM CourseSearchInstances WHERE term >= $p0 AND term < $p1";
            await ReadAsync(connection, transaction, $"SELECT DISTINCT doc, 0.0 {instances}", [from, to], (id, _) => scores[id] = 0, ct);
            await ReadAsync(connection, transaction, $"SELECT DISTINCT doc, col = 'title' {instances} AND col <> 'description'", [from, to],
                (id, title) => scores[id] += title == 1 ? TitleScore : OtherFieldsScore, ct);
        }
        await transaction.CommitAsync(ct);

        var positions = new List<int>(scores.Count);
        var values = new List<double>(scores.Count);
        foreach (var (id, score) in scores)
        {
            var position = snapshot.PositionOf(id); // -1: a draft, or a course the snapshot does not have
            if (position < 0) continue;
            positions.Add(position);
            values.Add(score);
        }
        return new WordMatches(version, snapshot.Ids, [.. positions], [.. values]);
    }

    /// <summary>Runs a query of (course id, score) rows with positional parameters $p0, $p1, ….</summary>
    private static async Task ReadAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, object[] values,
        Action<int, double> row, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = new Parameters(command);
        foreach (var value in values) parameters.Add(value);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            row(reader.GetInt32(0), reader.GetDouble(1));
    }

    /// <summary>Published courses whose title contains every word, most enrolled first.</summary>
    public static async Task<List<(string Title, string Slug)>> FindTitlesAsync(DbConnection connection, IReadOnlyList<WordOperand> words, int take, CancellationToken ct)
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
