using System.Data.Common;
using System.Globalization;
using System.Text;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// The catalogue's search: filters, sort orders and paging over published courses, ranked full-text search in Chinese
/// and English (FTS5 trigram table <c>CourseSearch</c>, kept in step by triggers from the CourseSearchIndex migration),
/// "did you mean" and the app bar's type-ahead. Terms of three or more characters use the index and bm25; shorter ones
/// (学习, AI, C#) are matched with LIKE on the index's columns. User input never reaches SQL or FTS5 syntax unquoted.
/// </summary>
public sealed class CatalogSearchService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long the "did you mean" vocabulary is reused before it is read again.</summary>
    public static readonly TimeSpan VocabularyLifetime = TimeSpan.FromMinutes(10);
    public const int MaxSuggestions = 20;
    private const int MaxDidYouMean = 3;
    private const int MaxSpellingChecks = 12;

    // FTS5 columns in table order, with the weight of a match in each (bm25 takes the weights in this order).
    private static readonly (string Column, double Weight)[] Columns =
        [("title", 10), ("subtitle", 5), ("description", 1), ("tags", 4), ("instructor", 3)];

    private static readonly string Bm25 = "bm25(CourseSearch, "
        + string.Join(", ", Columns.Select(c => c.Weight.ToString("0.0", CultureInfo.InvariantCulture))) + ")";

    private Cached? vocabulary;

    private sealed record Cached(SpellingVocabulary Vocabulary, DateTimeOffset ExpiresUtc);

    public async Task<CatalogPage> SearchAsync(CatalogQuery query, CancellationToken ct)
    {
        query = query.Normalize();
        var terms = SearchTerms.Parse(query.Text);
        var termTexts = terms.Select(t => t.Text).ToList();
        if (query.Text is not null && terms.Count == 0) // only separators: nothing to look for
            return new CatalogPage([], 0, query.Page, query.PageSize, [], []);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var (ids, total) = await FindPageAsync(db, query, terms, ct);
        IReadOnlyList<CourseCardModel> items = [];
        if (ids.Count > 0)
        {
            var cards = await CatalogQueries.ToCards(db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))).ToDictionaryAsync(c => c.Id, ct);
            items = ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
        }
        var didYouMean = total == 0 && terms.Count > 0 ? await DidYouMeanAsync(db, query, terms, ct) : [];
        return new CatalogPage(items, total, query.Page, query.PageSize, termTexts, didYouMean);
    }

    /// <summary>
    /// Type-ahead for the app bar: published courses whose title contains every word, categories whose Chinese or English
    /// name does (labelled in the UI language) and instructors with a published course whose name does; at most
    /// <paramref name="take"/> of each. One character is enough.
    /// </summary>
    public async Task<SearchSuggestions> SuggestAsync(string text, int take, bool chinese, CancellationToken ct)
    {
        var terms = SearchTerms.Parse(text is { Length: > CatalogQuery.MaxTextLength } ? text[..CatalogQuery.MaxTextLength] : text);
        take = Math.Min(take, MaxSuggestions);
        if (terms.Count == 0 || take <= 0) return new SearchSuggestions([], [], []);
        var patterns = terms.Select(t => SearchTerms.ContainsPattern(t.Text)).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var courses = await SuggestCoursesAsync(db, terms, take, ct);

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

        return new SearchSuggestions(
            courses,
            categories.Select(c => new SuggestionItem(SuggestionItem.CategoryKind, chinese ? c.NameZh : c.NameEn, "/courses/c/" + c.Slug)).ToList(),
            instructors.Select(u => new SuggestionItem(SuggestionItem.InstructorKind, u.DisplayName, "/instructors/" + u.Slug)).ToList());
    }

    // Search -------------------------------------------------------------------------------------------------

    /// <summary>The ids of the requested page in order, and the number of all matches.</summary>
    private static async Task<(List<int> Ids, int Total)> FindPageAsync(KnowledgeHubDbContext db, CatalogQuery query, IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new SqlBuilder(command);
        var from = sql.From(query, terms);
        var order = OrderBy(query.Sort, hasText: terms.Count > 0);
        var skip = (long)(query.Page - 1) * query.PageSize;
        var ids = new List<int>(query.PageSize);

        if (terms.Count > 0)
        {
            // Ranking reads every match anyway, so the total comes with the page.
            command.CommandText = $"SELECT c.Id, COUNT(*) OVER () FROM {from} ORDER BY {order} LIMIT {query.PageSize} OFFSET {skip}";
            var total = 0;
            await using (var reader = await command.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetInt32(0));
                    total = reader.GetInt32(1);
                }
            if (ids.Count == 0 && query.Page > 1) total = await CountAsync(command, from, ct);
            return (ids, total);
        }

        var count = await CountAsync(command, from, ct);
        if (skip >= count) return (ids, count);
        command.CommandText = $"SELECT c.Id FROM {from} ORDER BY {order} LIMIT {query.PageSize} OFFSET {skip}";
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetInt32(0));
        return (ids, count);
    }

    private static async Task<int> CountAsync(DbCommand command, string from, CancellationToken ct)
    {
        command.CommandText = $"SELECT COUNT(*) FROM {from}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>Every order ends with the id, so pages never overlap or skip a course.</summary>
    private static string OrderBy(CatalogSort sort, bool hasText) => sort switch
    {
        CatalogSort.Relevance when hasText => "s.Score DESC, c.EnrollmentCount DESC, c.Id",
        CatalogSort.Newest => "c.PublishedUtc DESC, c.Id",
        CatalogSort.Rating => "c.RatingAverage DESC, c.RatingCount DESC, c.Id",
        CatalogSort.PriceLow => "c.PriceMinor, c.Id",
        CatalogSort.PriceHigh => "c.PriceMinor DESC, c.Id",
        _ => "c.EnrollmentCount DESC, c.Id", // Popular, and Relevance without text
    };

    /// <summary>Builds the FROM … WHERE part of the search with every value bound as a parameter.</summary>
    private sealed class SqlBuilder(DbCommand command)
    {
        public string Parameter(object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            parameter.Value = value;
            command.Parameters.Add(parameter);
            return parameter.ParameterName;
        }

        public string From(CatalogQuery query, IReadOnlyList<SearchTerm> terms)
        {
            var sql = new StringBuilder("Courses AS c");
            if (terms.Count > 0) sql.Append(" JOIN (").Append(TextMatches(terms)).Append(") AS s ON s.Id = c.Id");
            sql.Append(" WHERE c.Status = ").Append((int)CourseStatus.Published);

            if (query.CategorySlug is { } slug)
            {
                var p = Parameter(slug);
                sql.Append($" AND c.CategoryId IN (SELECT Id FROM Categories WHERE Slug = {p} OR ParentId IN (SELECT Id FROM Categories WHERE Slug = {p}))");
            }
            if (query.Level is { } level) sql.Append(" AND c.Level = ").Append(Parameter((int)level));
            if (query.Language is { } language) sql.Append(" AND c.Language = ").Append(Parameter(language));
            sql.Append(query.Price switch
            {
                PriceBand.Free => " AND c.PriceMinor = 0",
                PriceBand.Under50 => " AND c.PriceMinor > 0 AND c.PriceMinor < 5000",
                PriceBand.From50To200 => " AND c.PriceMinor BETWEEN 5000 AND 20000",
                PriceBand.Over200 => " AND c.PriceMinor > 20000",
                _ => "",
            });
            if (query.MinRating is { } rating) sql.Append(" AND c.RatingAverage >= ").Append(Parameter(rating));
            return sql.ToString();
        }

        /// <summary>
        /// Rows of CourseSearch matching every term, with a score: bm25 over the weighted columns for the indexed terms,
        /// plus for each short term the weight of the best column it occurs in.
        /// </summary>
        private string TextMatches(IReadOnlyList<SearchTerm> terms)
        {
            var conditions = new List<string>();
            var scores = new List<string>();
            var match = SearchTerms.MatchExpression(terms);
            if (match.Length > 0)
            {
                conditions.Add("CourseSearch MATCH " + Parameter(match));
                scores.Add("-" + Bm25);
            }
            foreach (var term in terms.Where(t => !t.Indexed))
            {
                var p = Parameter(SearchTerms.ContainsPattern(term.Text));
                conditions.Add("(" + string.Join(" OR ", Columns.Select(c => $"{c.Column} LIKE {p} ESCAPE '\\'")) + ")");
                scores.Add("CASE " + string.Join(" ", Columns.OrderByDescending(c => c.Weight)
                    .Select(c => $"WHEN {c.Column} LIKE {p} ESCAPE '\\' THEN {c.Weight.ToString("0.0", CultureInfo.InvariantCulture)}")) + " ELSE 0.0 END");
            }
            return $"SELECT rowid AS Id, {string.Join(" + ", scores)} AS Score FROM CourseSearch WHERE {string.Join(" AND ", conditions)}";
        }
    }

    // Did you mean -------------------------------------------------------------------------------------------

    /// <summary>
    /// Up to three versions of the text with one misspelt word (or, failing that, every misspelt word) replaced by a near
    /// word of the catalogue, each checked to find courses with the same filters.
    /// </summary>
    private async Task<IReadOnlyList<string>> DidYouMeanAsync(KnowledgeHubDbContext db, CatalogQuery query, IReadOnlyList<SearchTerm> terms, CancellationToken ct)
    {
        var words = await GetVocabularyAsync(db, ct);
        var near = terms.Select(t => words.Near(t.Text, 4)).ToList();
        var alternatives = new List<string>();
        for (var rank = 0; rank < 4; rank++)
            for (var i = 0; i < terms.Count; i++)
                if (rank < near[i].Count)
                    alternatives.Add(string.Join(' ', terms.Select((t, j) => j == i ? near[i][rank] : t.Text)));
        if (near.Count(n => n.Count > 0) > 1)
            alternatives.Add(string.Join(' ', terms.Select((t, i) => near[i].Count > 0 ? near[i][0] : t.Text)));

        var found = new List<string>();
        foreach (var alternative in alternatives.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxSpellingChecks))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var from = new SqlBuilder(command).From(query with { Text = alternative }, SearchTerms.Parse(alternative));
            if (await CountAsync(command, from, ct) > 0) found.Add(alternative);
            if (found.Count == MaxDidYouMean) break;
        }
        return found;
    }

    private async Task<SpellingVocabulary> GetVocabularyAsync(KnowledgeHubDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (vocabulary is { } cached && cached.ExpiresUtc > now) return cached.Vocabulary;

        var courses = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .Select(c => new { c.Title, c.Tags, c.Instructor!.DisplayName }).ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.NameZh, c.NameEn }).ToListAsync(ct);
        var built = SpellingVocabulary.Build(courses.SelectMany(c => new[] { c.Title, c.Tags, c.DisplayName })
            .Concat(categories.SelectMany(c => new[] { c.NameZh, c.NameEn })));
        vocabulary = new Cached(built, now + VocabularyLifetime);
        return built;
    }

    // Suggestions --------------------------------------------------------------------------------------------

    /// <summary>Titles containing every word, those starting with the first word first, then the most enrolled.</summary>
    private static async Task<List<SuggestionItem>> SuggestCoursesAsync(KnowledgeHubDbContext db, IReadOnlyList<SearchTerm> terms, int take, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var sql = new SqlBuilder(command);
        var conditions = terms.Select(t => $"s.title LIKE {sql.Parameter(SearchTerms.ContainsPattern(t.Text))} ESCAPE '\\'").ToList();
        var prefix = sql.Parameter(SearchTerms.StartsWithPattern(terms[0].Text));
        command.CommandText =
            $"""
            SELECT c.Title, c.Slug FROM CourseSearch AS s JOIN Courses AS c ON c.Id = s.rowid
            WHERE c.Status = {(int)CourseStatus.Published} AND {string.Join(" AND ", conditions)}
            ORDER BY s.title LIKE {prefix} ESCAPE '\' DESC, c.EnrollmentCount DESC, c.Id
            LIMIT {take}
            """;
        var items = new List<SuggestionItem>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            items.Add(new SuggestionItem(SuggestionItem.CourseKind, reader.GetString(0), "/courses/" + reader.GetString(1)));
        return items;
    }
}
