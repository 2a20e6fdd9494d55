// Catalogue search latency on 50,000 published courses.
//   dotnet run -c Release --project benchmarks/catalog -- search [--courses 50000] [--queries 300]
// Creates a temporary SQLite file database with the real migrations and the demo seed (through the app's own
// AddKnowledgeHubDomain and DatabaseInitializer), adds generated courses in one transaction, then times
// CatalogSearchService.SearchAsync per query class on the app's singleton and prints p50/p95/p99 in milliseconds as
// Markdown tables: first-time queries (result cache emptied before each) and the app's steady state, then words the
// process has not seen at this catalogue version and the first search after a catalogue change.
using System.Diagnostics;
using System.Globalization;
using KnowledgeHub.Domain;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

if (args.Length == 0 || args[0] != "search")
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/catalog -- search [--courses 50000] [--queries 300]");
    return 2;
}
var courseCount = Option("--courses", 50_000);
var queriesPerRow = Option("--queries", 300);

// --db FOLDER keeps the database there and reuses it on the next run (for comparing changes to the search code).
var keep = OptionText("--db");
var folder = keep is null ? Directory.CreateTempSubdirectory("kh-bench-").FullName : Path.GetFullPath(keep);
try
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["KnowledgeHub:DataDirectory"] = folder,
        ["KnowledgeHub:DemoData"] = "true",
    }).Build();
    await using var services = new ServiceCollection().AddLogging().AddKnowledgeHubDomain(configuration, folder).BuildServiceProvider();

    var clock = Stopwatch.StartNew();
    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    Console.WriteLine($"migrations + demo seed: {clock.Elapsed.TotalSeconds:0.0} s");

    clock.Restart();
    var paths = services.GetRequiredService<DataPaths>();
    var dbFactory = services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>();
    var topCategories = await AddCoursesAsync(dbFactory, paths.SqliteConnectionString, courseCount);
    Console.WriteLine($"{courseCount:N0} generated courses in place (inserted with the FTS triggers): {clock.Elapsed.TotalSeconds:0.0} s, "
        + $"database {new FileInfo(paths.Database).Length / 1024.0 / 1024.0:0} MB");

    await RunAsync(services, topCategories, queriesPerRow);
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    if (keep is null) Directory.Delete(folder, recursive: true);
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task RunAsync(IServiceProvider services, IReadOnlyList<string> topCategories, int count)
{
    string[] oneCharZh = ["学", "数", "设", "影", "乐", "财", "语", "养", "身", "频", "程", "门", "战", "析", "图", "模"];
    string[] twoCharZh = ["学习", "数据", "设计", "摄影", "音乐", "理财", "英语", "营养", "健身", "视频", "剪辑", "编程", "入门", "实战", "分析", "管理", "产品", "基础", "运营", "投资"];
    string[] longZh = ["机器学习", "数据分析", "零基础", "可视化", "产品经理", "深度学习", "时间管理", "视频剪辑", "基金定投", "财务报表", "用户增长", "三维建模", "办公自动化", "英语口语", "人像摄影", "微服务"];
    string[] shortEn = ["AI", "Go", "C#", "SQL", "UX", "Git", "ETF", "Python", "React", "Excel", "Docker", "Figma", "Vue", "Linux", "SEO"];
    string[] longEn = ["machine learning with python", "web api authentication", "digital marketing fundamentals", "street photography composition",
        "design systems tokens", "business english emails", "index funds portfolio", "react hooks state management", "hands-on scikit-learn model"];
    var dbFactory = services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>();
    var rng = new Random(7);
    var sorts = Enum.GetValues<CatalogSort>();

    var rows = new List<(string Name, string Filter, CatalogQuery[] Queries)>();
    foreach (var (name, texts) in new[]
             {
                 ("1-char Chinese (学)", oneCharZh), ("2-char Chinese (学习)", twoCharZh), ("3+-char Chinese (机器学习)", longZh),
                 ("short English (AI, Python)", shortEn), ("long English (3–4 words)", longEn),
             })
    {
        rows.Add((name, "none", Enumerable.Range(0, count).Select(_ => new CatalogQuery(Text: texts[rng.Next(texts.Length)])).ToArray()));
        rows.Add((name, "top category", Enumerable.Range(0, count)
            .Select(_ => new CatalogQuery(Text: texts[rng.Next(texts.Length)], CategorySlug: topCategories[rng.Next(topCategories.Count)])).ToArray()));
    }
    rows.Add(("no text, each sort, pages 1–5", "none", Enumerable.Range(0, count)
        .Select(i => new CatalogQuery(Sort: sorts[i % sorts.Length], Page: 1 + rng.Next(5))).ToArray()));
    rows.Add(("no text, each sort, pages 1–5", "top category", Enumerable.Range(0, count)
        .Select(i => new CatalogQuery(CategorySlug: topCategories[rng.Next(topCategories.Count)], Sort: sorts[i % sorts.Length], Page: 1 + rng.Next(5))).ToArray()));
    rows.Add(("misspelt (Pyhton → did you mean)", "none", Enumerable.Range(0, count).Select(_ => new CatalogQuery(Text: "Pyhton")).ToArray()));

    // The service as the app registers it: one singleton for the whole run.
    var search = services.GetRequiredService<CatalogSearchService>();
    Console.WriteLine();
    var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    var watch = Stopwatch.StartNew();
    await search.SearchAsync(new CatalogQuery(), CancellationToken.None);
    Console.WriteLine($"Warm-up: first search (loads the course snapshot) {watch.Elapsed.TotalMilliseconds:0} ms");
    watch.Restart();
    await search.WarmUpAsync(CancellationToken.None);
    Console.WriteLine($"Warm-up: did-you-mean vocabulary {watch.Elapsed.TotalMilliseconds:0} ms");

    // Every word of every row once, alone and without filters: what a word costs the first time at a catalogue version.
    var wordTimes = new List<(string Row, double Ms)>();
    foreach (var (name, filter, queries) in rows.Where(r => r.Filter == "none"))
        foreach (var text in queries.Select(q => q.Text).OfType<string>().SelectMany(t => t.Split(' ')).Distinct())
        {
            watch.Restart();
            await search.SearchAsync(new CatalogQuery(Text: text), CancellationToken.None);
            wordTimes.Add((name, watch.Elapsed.TotalMilliseconds));
        }
    // Then every query once (JIT, SQLite's page cache, did-you-mean alternatives).
    foreach (var row in rows)
        foreach (var query in row.Queries)
            await search.SearchAsync(query, CancellationToken.None);
    var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
    var footprint = search.Footprint();
    Console.WriteLine($"Warm state: snapshot {footprint.SnapshotBytes / 1024.0 / 1024.0:0.0} MB, {footprint.Words} words with {footprint.WordPositions:N0} matches "
        + $"({footprint.WordPositions * 12 / 1024.0 / 1024.0:0.0} MB), vocabulary {footprint.VocabularyWords:N0} words; managed heap grew by "
        + $"{(heapAfter - heapBefore) / 1024.0 / 1024.0:0.0} MB (result caches included)");
    Console.WriteLine();
    Console.WriteLine("First search of a word at a catalogue version (alone, no filter), ms:");
    foreach (var group in wordTimes.GroupBy(w => w.Row))
        Console.WriteLine($"  {group.Key}: {group.Count()} words, p50 {P(group.Select(g => g.Ms).ToList(), 50):0.0}, max {group.Max(g => g.Ms):0.0}");

    Console.WriteLine();
    Console.WriteLine($"SearchAsync latency in ms, {count} queries per row, page size {CatalogQuery.DefaultPageSize}, one query at a time, one warm service:");
    Console.WriteLine();
    Console.WriteLine("| query | filter | avg. matches | first-time p50 | p95 | p99 | app (cached) p50 | p95 | p99 |");
    Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var (name, filter, queries) in rows)
    {
        // First-time: the result cache is emptied before every query; the snapshot and the words' matches stay warm.
        var (firstTime, matches) = await TimeAsync(search, queries, () => search.ForgetResults());
        // App: the result cache starts empty for the row and then fills as in the running app.
        search.ForgetResults();
        var (cached, _) = await TimeAsync(search, queries, () => { });
        Console.WriteLine($"| {name} | {filter} | {matches:N0} | {P(firstTime, 50):0.0} | {P(firstTime, 95):0.0} | {P(firstTime, 99):0.0} | {P(cached, 50):0.0} | {P(cached, 95):0.0} | {P(cached, 99):0.0} |");
    }

    Console.WriteLine();
    Console.WriteLine("Words not seen at this catalogue version (result cache and word matches emptied before every query), ms:");
    Console.WriteLine();
    Console.WriteLine("| query | filter | p50 | p95 | p99 |");
    Console.WriteLine("|---|---|---:|---:|---:|");
    foreach (var (name, filter, queries) in rows.Where(r => r.Name.StartsWith("no text", StringComparison.Ordinal) is false))
    {
        var (cold, _) = await TimeAsync(search, queries.Take(Math.Min(queries.Length, 100)).ToArray(), () => { search.ForgetResults(); search.ForgetWords(); });
        Console.WriteLine($"| {name} | {filter} | {P(cold, 50):0.0} | {P(cold, 95):0.0} | {P(cold, 99):0.0} |");
    }

    // A catalogue change: the version counter goes up (as the triggers do), so the next search reloads the snapshot
    // and reads its words again.
    Console.WriteLine();
    foreach (var text in new string?[] { null, "学", "机器学习" })
    {
        var times = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            await using (var db = await dbFactory.CreateDbContextAsync())
                await db.Database.ExecuteSqlRawAsync("UPDATE CourseSearchVersion SET Value = Value + 1");
            watch.Restart();
            await search.SearchAsync(new CatalogQuery(Text: text), CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"First search after a catalogue change ({text ?? "no text"}): p50 {P(times, 50):0.0}, max {times.Max():0.0} ms");
    }

    Console.WriteLine();
    string[] typeAhead = ["学", "数据", "Py", "机器学", "林", "Excel", "设计", "p", "摄", "英语"];
    var typed = Enumerable.Range(0, count).Select(_ => typeAhead[rng.Next(typeAhead.Length)]).ToArray();
    foreach (var (label, forgetEachTime) in new[] { ("first-time", true), ("app (cached)", false) })
    {
        search.ForgetResults();
        var times = new List<double>();
        foreach (var text in typed)
        {
            if (forgetEachTime) search.ForgetResults();
            watch.Restart();
            await search.SuggestAsync(text, 5, chinese: true, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"SuggestAsync {label} (1–3 characters, 5 of each kind): p50 {P(times, 50):0.0}, p95 {P(times, 95):0.0}, p99 {P(times, 99):0.0} ms");
    }

    static async Task<(List<double> Times, long AverageMatches)> TimeAsync(CatalogSearchService search, CatalogQuery[] queries, Action beforeEach)
    {
        var times = new List<double>(queries.Length);
        long matches = 0;
        foreach (var query in queries)
        {
            beforeEach();
            var watch = Stopwatch.StartNew();
            var page = await search.SearchAsync(query, CancellationToken.None);
            times.Add(watch.Elapsed.TotalMilliseconds);
            matches += page.Total;
            if (Environment.GetEnvironmentVariable("KH_BENCH_TRACE") is { } limit && watch.Elapsed.TotalMilliseconds > double.Parse(limit, CultureInfo.InvariantCulture))
                Console.Error.WriteLine($"slow {watch.Elapsed.TotalMilliseconds:0} ms: {query}");
        }
        return (times, matches / queries.Length);
    }

    static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}

// Courses made by recombining the demo catalogue: the head of one title with the tail of another of the same
// language, another course's subtitle and description, mixed tags; random price, level, rating and popularity.
static async Task<IReadOnlyList<string>> AddCoursesAsync(IDbContextFactory<KnowledgeHubDbContext> dbFactory, string connectionString, int count)
{
    List<Template> templates;
    List<string> tops;
    await using (var db = await dbFactory.CreateDbContextAsync())
    {
        templates = await db.Courses.AsNoTracking()
            .Select(c => new Template(c.Title, c.Subtitle, c.Description, c.Tags, c.Language, c.CategoryId, c.InstructorId, c.CoverStyle))
            .ToListAsync();
        tops = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).Select(c => c.Slug).ToListAsync();
        if (await db.Courses.CountAsync(c => c.Slug.StartsWith("bench-")) >= count) return tops; // a kept database
    }
    var byLanguage = templates.GroupBy(t => t.Language).ToDictionary(g => g.Key, g => g.ToArray());
    long[] prices = [0, 990, 4900, 9900, 12900, 19900, 29900, 39900, 59900];
    var rng = new Random(20261125);
    var now = new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using var command = connection.CreateCommand();
    command.Transaction = transaction;
    string[] columns = ["Slug", "Title", "Subtitle", "Description", "WhatYouWillLearn", "Requirements", "Tags", "Language", "Level", "Status",
        "CoverStyle", "CategoryId", "InstructorId", "RatingAverage", "RatingCount", "EnrollmentCount", "TotalDurationSeconds", "LessonCount",
        "CreatedUtc", "UpdatedUtc", "PublishedUtc", "PriceCurrency", "PriceMinor"];
    command.CommandText = $"INSERT INTO Courses ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
    var p = columns.ToDictionary(c => c, c => command.Parameters.Add(new SqliteParameter("$" + c, null)));
    await command.PrepareAsync();

    for (var i = 0; i < count; i++)
    {
        var a = templates[rng.Next(templates.Count)];
        var same = byLanguage[a.Language];
        var b = same[rng.Next(same.Length)];
        var c = same[rng.Next(same.Length)];
        var created = now.AddDays(-rng.Next(1, 1000)).AddMinutes(-rng.Next(24 * 60));
        var ratings = (int)(400 * Math.Pow(rng.NextDouble(), 4));
        p["Slug"].Value = $"bench-{i:000000}";
        p["Title"].Value = Truncate(Head(a.Title) + (a.Language == "en-US" ? ": " : "：") + Tail(b.Title), Course.TitleMaxLength);
        p["Subtitle"].Value = c.Subtitle;
        p["Description"].Value = same[rng.Next(same.Length)].Description;
        p["WhatYouWillLearn"].Value = "";
        p["Requirements"].Value = "";
        p["Tags"].Value = a.Tags + "," + b.Tags.Split(',')[0];
        p["Language"].Value = a.Language;
        p["Level"].Value = rng.Next(4);
        p["Status"].Value = (int)CourseStatus.Published;
        p["CoverStyle"].Value = a.CoverStyle;
        p["CategoryId"].Value = a.CategoryId;
        p["InstructorId"].Value = a.InstructorId;
        p["RatingAverage"].Value = ratings == 0 ? 0 : Math.Round(3.5 + 1.5 * rng.NextDouble(), 2);
        p["RatingCount"].Value = ratings;
        p["EnrollmentCount"].Value = (int)(20_000 * Math.Pow(rng.NextDouble(), 8));
        p["TotalDurationSeconds"].Value = rng.Next(1800, 36_000);
        p["LessonCount"].Value = rng.Next(8, 60);
        p["CreatedUtc"].Value = Stamp(created);
        p["UpdatedUtc"].Value = Stamp(created.AddDays(1));
        p["PublishedUtc"].Value = Stamp(created.AddDays(1));
        p["PriceCurrency"].Value = "CNY";
        p["PriceMinor"].Value = prices[rng.Next(prices.Length)];
        await command.ExecuteNonQueryAsync();
    }
    await transaction.CommitAsync();

    await using var analyze = connection.CreateCommand();
    analyze.CommandText = "PRAGMA optimize; ANALYZE;";
    await analyze.ExecuteNonQueryAsync();
    return tops;

    static string Head(string title) => title.Split('：', ':')[0].Trim();
    static string Tail(string title) => title.Split('：', ':') is { Length: > 1 } parts ? parts[1].Trim() : title;
    static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
    static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}

internal sealed record Template(string Title, string Subtitle, string Description, string Tags, string Language, int CategoryId, int InstructorId, string CoverStyle);
