using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// What filters and sort orders need of every published course, in memory, read in one read transaction together with
/// the CourseSearchVersion it belongs to. Courses are addressed by position: their index in ascending id order. Each sort
/// order is kept as a rank per position, read from the covering index of that order (so ties break exactly as in SQL:
/// by id); the category filter is a membership table per category slug (the category and its children).
/// <para>
/// A snapshot is immutable. One of the same version has the same courses at the same positions (any change to which
/// courses are published raises the version), and a reload that finds the same ids keeps the same <see cref="Ids"/>
/// array, which <see cref="WordMatches"/> use to tell that their positions still apply.
/// </para>
/// Memory: 46 bytes per published course (2.3 MB for 50,000) plus the category tables.
/// </summary>
internal sealed class CatalogSnapshot
{
    private static readonly string Published = ((int)CourseStatus.Published).ToString(CultureInfo.InvariantCulture);

    private readonly int[] categoryIds;
    private readonly byte[] levels;
    private readonly byte[] languages;
    private readonly long[] prices;
    private readonly double[] ratings;
    private readonly int[][] ranks; // by CatalogSort
    private readonly Dictionary<string, byte> languageCodes;
    private readonly Dictionary<string, bool[]> categoryFamilies; // slug -> membership by category id

    private CatalogSnapshot(long version, DateTimeOffset loadedUtc, int[] ids, int[] categoryIds, byte[] levels, byte[] languages,
        long[] prices, double[] ratings, int[][] ranks, Dictionary<string, byte> languageCodes, Dictionary<string, bool[]> categoryFamilies)
    {
        Version = version;
        LoadedUtc = loadedUtc;
        Ids = ids;
        this.categoryIds = categoryIds;
        this.levels = levels;
        this.languages = languages;
        this.prices = prices;
        this.ratings = ratings;
        this.ranks = ranks;
        this.languageCodes = languageCodes;
        this.categoryFamilies = categoryFamilies;
    }

    public long Version { get; }
    public DateTimeOffset LoadedUtc { get; }
    /// <summary>The ids of the published courses, ascending; a course's position is its index here.</summary>
    public int[] Ids { get; }
    public int Count => Ids.Length;
    public long ApproximateBytes => Count * (4L + 4 + 1 + 1 + 8 + 8 + 4 * 5);

    /// <summary>The position of a published course, or -1.</summary>
    public int PositionOf(int id) => Array.BinarySearch(Ids, id) is var p and >= 0 ? p : -1;

    /// <summary>Rank of each position in a sort order (0 = first); relevance ties and "no text" use popularity.</summary>
    public int[] Ranks(CatalogSort sort) => ranks[(int)sort];

    /// <summary>The query's filters, or null when no course can pass them (an unknown category or language).</summary>
    public CourseFilter? Filter(CatalogQuery query)
    {
        bool[]? categories = null;
        if (query.CategorySlug is { } slug && !categoryFamilies.TryGetValue(slug, out categories)) return null;
        var language = -1;
        if (query.Language is { } name)
        {
            if (!languageCodes.TryGetValue(name, out var code)) return null;
            language = code;
        }
        var (minPrice, maxPrice) = query.Price switch
        {
            PriceBand.Free => (0L, 0L),
            PriceBand.Under50 => (1L, 4_999L),
            PriceBand.From50To200 => (5_000L, 20_000L),
            PriceBand.Over200 => (20_001L, long.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        return new CourseFilter(this, categories, query.Level is { } level ? (int)level : -1, language, minPrice, maxPrice,
            query.MinRating ?? double.NegativeInfinity);
    }

    /// <summary>
    /// The published courses' filter columns and sort orders, read in one read transaction with the version. When the
    /// courses are those of <paramref name="previous"/>, the new snapshot shares its <see cref="Ids"/> array.
    /// </summary>
    public static async Task<CatalogSnapshot> LoadAsync(SqliteConnection connection, CatalogSnapshot? previous, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = connection.BeginTransaction(deferred: true);
        var version = await CatalogSearchSql.ReadVersionAsync(connection, transaction, ct);

        // Popularity order, with the filter columns (all on the covering index of that order).
        var byPopularity = new List<int>();
        var categoryList = new List<int>();
        var levelList = new List<byte>();
        var languageList = new List<byte>();
        var priceList = new List<long>();
        var ratingList = new List<double>();
        var languageCodes = new Dictionary<string, byte>(StringComparer.Ordinal);
        await using (var command = Command(connection, transaction,
            $"SELECT Id, CategoryId, Level, Language, PriceMinor, RatingAverage FROM Courses WHERE Status = {Published} ORDER BY EnrollmentCount DESC, Id"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                byPopularity.Add(reader.GetInt32(0));
                categoryList.Add(reader.GetInt32(1));
                levelList.Add((byte)reader.GetInt32(2));
                var language = reader.GetString(3);
                if (!languageCodes.TryGetValue(language, out var code)) languageCodes[language] = code = (byte)languageCodes.Count;
                languageList.Add(code);
                priceList.Add(reader.GetInt64(4));
                ratingList.Add(reader.GetDouble(5));
            }

        var count = byPopularity.Count;
        var ids = byPopularity.ToArray();
        var popularRank = Enumerable.Range(0, count).ToArray();
        Array.Sort(ids, popularRank); // ids ascending; popularRank[position] = row in popularity order
        if (previous is not null && previous.Ids.AsSpan().SequenceEqual(ids)) ids = previous.Ids;
        var categoryIds = new int[count];
        var levels = new byte[count];
        var languages = new byte[count];
        var prices = new long[count];
        var ratings = new double[count];
        for (var p = 0; p < count; p++)
        {
            var row = popularRank[p];
            (categoryIds[p], levels[p], languages[p], prices[p], ratings[p]) = (categoryList[row], levelList[row], languageList[row], priceList[row], ratingList[row]);
        }

        var newest = await ReadRanksAsync(connection, transaction, ids, "PublishedUtc DESC, Id", ct);
        var rating = await ReadRanksAsync(connection, transaction, ids, "RatingAverage DESC, RatingCount DESC, Id", ct);
        var priceLow = await ReadRanksAsync(connection, transaction, ids, "PriceMinor, Id", ct);
        var priceHigh = PriceHighRanks(priceLow, prices);
        var ranks = new int[Enum.GetValues<CatalogSort>().Length][];
        ranks[(int)CatalogSort.Relevance] = ranks[(int)CatalogSort.Popular] = popularRank;
        ranks[(int)CatalogSort.Newest] = newest;
        ranks[(int)CatalogSort.Rating] = rating;
        ranks[(int)CatalogSort.PriceLow] = priceLow;
        ranks[(int)CatalogSort.PriceHigh] = priceHigh;

        var categories = new List<(int Id, string Slug, int? ParentId)>();
        await using (var command = Command(connection, transaction, "SELECT Id, Slug, ParentId FROM Categories"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                categories.Add((reader.GetInt32(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
        await transaction.CommitAsync(ct);

        // A slug stands for its category and that category's children (as the category filter in the UI does).
        var maxCategoryId = Math.Max(categories.Count == 0 ? 0 : categories.Max(c => c.Id), categoryIds.Length == 0 ? 0 : categoryIds.Max());
        var families = new Dictionary<string, bool[]>(StringComparer.Ordinal);
        foreach (var category in categories)
        {
            var members = new bool[maxCategoryId + 1];
            members[category.Id] = true;
            foreach (var child in categories.Where(c => c.ParentId == category.Id)) members[child.Id] = true;
            families[category.Slug] = members;
        }
        return new CatalogSnapshot(version, now, ids, categoryIds, levels, languages, prices, ratings, ranks, languageCodes, families);
    }

    private static async Task<int[]> ReadRanksAsync(SqliteConnection connection, SqliteTransaction transaction, int[] ids, string orderBy, CancellationToken ct)
    {
        var ranks = new int[ids.Length];
        var rank = 0;
        await using var command = Command(connection, transaction, $"SELECT Id FROM Courses WHERE Status = {Published} ORDER BY {orderBy}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var position = Array.BinarySearch(ids, reader.GetInt32(0));
            if (position < 0 || rank == ranks.Length) throw new InvalidOperationException("Published courses changed within a read transaction.");
            ranks[position] = rank++;
        }
        return ranks;
    }

    /// <summary>"PriceMinor DESC, Id": the price-ascending order with its runs of equal prices reversed, ids still ascending within each.</summary>
    private static int[] PriceHighRanks(int[] priceLowRanks, long[] prices)
    {
        var ascending = new int[priceLowRanks.Length];
        for (var p = 0; p < priceLowRanks.Length; p++) ascending[priceLowRanks[p]] = p;
        var ranks = new int[ascending.Length];
        var rank = 0;
        for (var end = ascending.Length; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && prices[ascending[start - 1]] == prices[ascending[end - 1]]) start--;
            for (var i = start; i < end; i++) ranks[ascending[i]] = rank++;
            end = start;
        }
        return ranks;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The filters of one query over a snapshot's columns.</summary>
    internal sealed class CourseFilter(CatalogSnapshot snapshot, bool[]? categories, int level, int language, long minPrice, long maxPrice, double minRating)
    {
        public bool Matches(int position)
        {
            var category = snapshot.categoryIds[position];
            if (categories is not null && ((uint)category >= (uint)categories.Length || !categories[category])) return false;
            if (level >= 0 && snapshot.levels[position] != level) return false;
            if (language >= 0 && snapshot.languages[position] != language) return false;
            var price = snapshot.prices[position];
            return price >= minPrice && price <= maxPrice && snapshot.ratings[position] >= minRating;
        }
    }
}
