using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>
/// The search keeps a course snapshot, each word's matches and results process-wide. These tests warm all of them, change
/// the catalogue behind the service's back (plain SQL, as any writer: the triggers raise the search version) and expect
/// the very next search to show the change.
/// </summary>
public sealed class SearchCacheTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private readonly TestDb testDb = new();
    private readonly FakeTimeProvider clock = new(Now);
    private CatalogSearchService search = null!;
    private SmallCatalog catalog = null!;

    public async Task InitializeAsync()
    {
        search = new CatalogSearchService(testDb, clock, NullLogger<CatalogSearchService>.Instance);
        catalog = await SmallCatalog.SeedAsync(testDb);
        await WarmAsync(search);
    }

    public Task DisposeAsync()
    {
        testDb.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SearchAsync_CourseArchivedWhileCachesAreWarm_IsGoneFromTheNextSearch()
    {
        await ExecuteAsync(testDb, $"UPDATE Courses SET Status = {(int)CourseStatus.Archived} WHERE Id = {catalog.Watercolour}");

        Assert.Equal(0, await TotalAsync(new CatalogQuery(Text: "Watercolour")));
        Assert.DoesNotContain(catalog.Watercolour, await IdsAsync(new CatalogQuery(Text: "Wa")));
        Assert.Equal(2, await TotalAsync(new CatalogQuery()));
        Assert.Equal([catalog.Gouache], await IdsAsync(new CatalogQuery(CategorySlug: "painting")));
    }

    [Fact]
    public async Task SearchAsync_PriceChangedWhileCachesAreWarm_MovesTheCourseToItsNewBand()
    {
        await ExecuteAsync(testDb, $"UPDATE Courses SET PriceMinor = 0 WHERE Id = {catalog.Watercolour}");

        Assert.Equal([catalog.Piano, catalog.Watercolour], await IdsAsync(new CatalogQuery(Price: PriceBand.Free)));
        Assert.Equal(0, await TotalAsync(new CatalogQuery(Text: "Watercolour", Price: PriceBand.From50To200)));
        Assert.Equal([catalog.Watercolour, catalog.Piano, catalog.Gouache], await IdsAsync(new CatalogQuery(Sort: CatalogSort.PriceLow))); // equal prices: by id
    }

    [Fact]
    public async Task SearchAsync_CategoryChangedWhileCachesAreWarm_FollowsTheCourse()
    {
        await ExecuteAsync(testDb, $"UPDATE Courses SET CategoryId = {catalog.Music} WHERE Id = {catalog.Gouache}");

        Assert.Equal([catalog.Watercolour], await IdsAsync(new CatalogQuery(CategorySlug: "painting")));
        Assert.Equal([catalog.Gouache], await IdsAsync(new CatalogQuery(Text: "Gouache", CategorySlug: "music")));
    }

    [Fact]
    public async Task SearchAsync_TitleEditedWhileCachesAreWarm_FindsAndRanksByTheNewTitle()
    {
        Assert.Equal([catalog.Piano], await IdsAsync(new CatalogQuery(Text: "入门")));

        await ExecuteAsync(testDb, $"UPDATE Courses SET Title = '水粉入门：风景写生' WHERE Id = {catalog.Gouache}");

        // Both have 入门 in the title now; the more popular course comes first within the title tier.
        Assert.Equal([catalog.Piano, catalog.Gouache], await IdsAsync(new CatalogQuery(Text: "入门")));
        Assert.Equal(0, await TotalAsync(new CatalogQuery(Text: "Landscapes")));
    }

    [Fact]
    public async Task SearchAsync_CoursePublishedWhileCachesAreWarm_TakesItsPlaceInEveryOrder()
    {
        var fresh = await catalog.AddCourseAsync("watercolour-portraits", "Watercolour Portraits", catalog.Painting, 59_900, enrollments: 0,
            publishedUtc: Now.AddDays(-1));

        Assert.Equal(fresh, (await IdsAsync(new CatalogQuery(Sort: CatalogSort.Newest)))[0]);
        Assert.Equal(fresh, (await IdsAsync(new CatalogQuery(Sort: CatalogSort.PriceHigh)))[0]);
        Assert.Equal(fresh, (await IdsAsync(new CatalogQuery(Sort: CatalogSort.Popular)))[^1]);
        Assert.Equal([catalog.Watercolour, fresh], await IdsAsync(new CatalogQuery(Text: "Watercolour")));
    }

    [Fact]
    public async Task SearchAsync_OnlyCourseOfASuggestionArchived_NoLongerSuggestsIt()
    {
        Assert.Equal(["Watercolour"], (await search.SearchAsync(new CatalogQuery(Text: "Watercolor"), CancellationToken.None)).DidYouMean);

        await ExecuteAsync(testDb, $"UPDATE Courses SET Status = {(int)CourseStatus.Archived} WHERE Id = {catalog.Watercolour}");

        Assert.Empty((await search.SearchAsync(new CatalogQuery(Text: "Watercolor"), CancellationToken.None)).DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_MisspeltWordAfterACatalogueChange_StillGetsItsSuggestion()
    {
        Assert.Equal(["Watercolour"], (await search.SearchAsync(new CatalogQuery(Text: "Watercolor"), CancellationToken.None)).DidYouMean);

        await ExecuteAsync(testDb, $"UPDATE Courses SET PriceMinor = 19900 WHERE Id = {catalog.Gouache}");

        Assert.Equal(["Watercolour"], (await search.SearchAsync(new CatalogQuery(Text: "Watercolor"), CancellationToken.None)).DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_SnapshotPastHalfItsLifetime_IsReloadedInTheBackground()
    {
        using var store = new FileTestDb(); // the reload runs beside the test: it needs a connection of its own
        var fileCatalog = await SmallCatalog.SeedAsync(store);
        var service = new CatalogSearchService(store, clock, NullLogger<CatalogSearchService>.Instance);
        var popular = new CatalogQuery(Sort: CatalogSort.Popular);
        Assert.Equal([fileCatalog.Piano, fileCatalog.Gouache, fileCatalog.Watercolour], await IdsAsync(service, popular));

        await ExecuteAsync(store, $"UPDATE Courses SET EnrollmentCount = 1000 WHERE Id = {fileCatalog.Watercolour}"); // no version change
        clock.Advance(CatalogSearchService.CacheLifetime / 2);
        service.ForgetResults();
        var stale = await IdsAsync(service, popular); // served from the current snapshot while the reload starts

        var reordered = false;
        for (var attempt = 0; attempt < 100 && !reordered; attempt++)
        {
            await Task.Delay(50);
            service.ForgetResults();
            reordered = (await IdsAsync(service, popular))[0] == fileCatalog.Watercolour;
        }
        Assert.Equal(fileCatalog.Piano, stale[0]);
        Assert.True(reordered, "the background reload brought the new popularity before the snapshot expired");
    }

    [Fact]
    public async Task SearchAsync_ManySearchesWhileCoursesArePublishedAndArchived_NeverFailAndEndConsistent()
    {
        using var store = new FileTestDb();
        var fileCatalog = await SmallCatalog.SeedAsync(store);
        var service = new CatalogSearchService(store, clock, NullLogger<CatalogSearchService>.Instance);
        var extra = new List<int>();
        for (var i = 0; i < 12; i++)
            extra.Add(await fileCatalog.AddCourseAsync($"watercolour-{i}", $"Watercolour Study {i}", fileCatalog.Painting, 9_900, enrollments: i, Now.AddDays(-i)));
        CatalogQuery[] queries =
        [
            new(Text: "Watercolour"), new(Text: "Wa", Sort: CatalogSort.Newest), new(Text: "入门"), new(CategorySlug: "painting", Sort: CatalogSort.PriceHigh),
            new(Text: "Study", Price: PriceBand.From50To200), new(Sort: CatalogSort.Rating), new(Text: "Watercolor"),
        ];

        var writer = Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                var status = round % 2 == 0 ? CourseStatus.Archived : CourseStatus.Published;
                await ExecuteAsync(store, $"UPDATE Courses SET Status = {(int)status} WHERE Id IN ({string.Join(',', extra.Where((_, i) => i % 3 == round % 3))})");
            }
        });
        var readers = Enumerable.Range(0, 6).Select(r => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var page = await service.SearchAsync(queries[(r + i) % queries.Length], CancellationToken.None);
                Assert.InRange(page.Items.Count, 0, Math.Min(page.Total, page.PageSize));
            }
        }));
        await Task.WhenAll(readers.Append(writer));

        await using var db = store.CreateDbContext();
        var published = await db.Courses.Where(c => c.Status == CourseStatus.Published).Select(c => c.Id).OrderBy(id => id).ToListAsync();
        var all = await service.SearchAsync(new CatalogQuery(PageSize: CatalogQuery.MaxPageSize), CancellationToken.None);
        Assert.Equal(published, all.Items.Select(c => c.Id).Order());
        var watercolour = await service.SearchAsync(new CatalogQuery(Text: "Watercolour", PageSize: CatalogQuery.MaxPageSize), CancellationToken.None);
        Assert.Equal(published.Where(id => id != fileCatalog.Gouache && id != fileCatalog.Piano), watercolour.Items.Select(c => c.Id).Order());
    }

    /// <summary>Fills the snapshot, the word matches, the result cache and the did-you-mean vocabulary.</summary>
    private static async Task WarmAsync(CatalogSearchService service)
    {
        foreach (var text in new string?[] { null, "Watercolour", "Gouache", "Wa", "入门", "Landscapes", "Watercolor" })
        foreach (var slug in new string?[] { null, "painting", "music" })
        foreach (var sort in Enum.GetValues<CatalogSort>())
            await service.SearchAsync(new CatalogQuery(Text: text, CategorySlug: slug, Sort: sort), CancellationToken.None);
        foreach (var band in Enum.GetValues<PriceBand>())
            await service.SearchAsync(new CatalogQuery(Price: band), CancellationToken.None);
        await service.SearchAsync(new CatalogQuery(Text: "Watercolour", Price: PriceBand.From50To200), CancellationToken.None);
    }

    private Task<List<int>> IdsAsync(CatalogQuery query) => IdsAsync(search, query);

    private static async Task<List<int>> IdsAsync(CatalogSearchService service, CatalogQuery query) =>
        (await service.SearchAsync(query, CancellationToken.None)).Items.Select(c => c.Id).ToList();

    private async Task<int> TotalAsync(CatalogQuery query) => (await search.SearchAsync(query, CancellationToken.None)).Total;

    private static async Task ExecuteAsync(IDbContextFactory<KnowledgeHubDbContext> store, string sql)
    {
        await using var db = await store.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>
    /// Two painting courses (one in a sub-category) and a Chinese music course: Watercolour Basics (¥99, 10 learners),
    /// Gouache Landscapes (¥149, 20) and 钢琴入门 (free, 30).
    /// </summary>
    private sealed class SmallCatalog(IDbContextFactory<KnowledgeHubDbContext> store, int painting, int music, int instructor)
    {
        public int Painting => painting;
        public int Music => music;
        public int Watercolour { get; private set; }
        public int Gouache { get; private set; }
        public int Piano { get; private set; }

        public static async Task<SmallCatalog> SeedAsync(IDbContextFactory<KnowledgeHubDbContext> store)
        {
            await using var db = await store.CreateDbContextAsync();
            var painting = new Category("painting", "绘画", "Painting", 1);
            var music = new Category("music", "音乐", "Music", 2);
            var instructor = new ApplicationUser { UserName = "painter@example.com", DisplayName = "Mei Painter", Slug = "painter", CreatedUtc = Now };
            db.AddRange(painting, music, instructor);
            await db.SaveChangesAsync();
            var gouacheCategory = new Category("gouache", "水粉", "Gouache", 1, painting.Id);
            db.Add(gouacheCategory);
            await db.SaveChangesAsync();

            var catalog = new SmallCatalog(store, painting.Id, music.Id, instructor.Id);
            catalog.Watercolour = await catalog.AddCourseAsync("watercolour", "Watercolour Basics", painting.Id, 9_900, 10, Now.AddDays(-30));
            catalog.Gouache = await catalog.AddCourseAsync("gouache", "Gouache Landscapes", gouacheCategory.Id, 14_900, 20, Now.AddDays(-20));
            catalog.Piano = await catalog.AddCourseAsync("piano", "钢琴入门：从零开始弹奏", music.Id, 0, 30, Now.AddDays(-10), SupportedCultures.Chinese);
            return catalog;
        }

        public async Task<int> AddCourseAsync(string slug, string title, int categoryId, long priceMinor, int enrollments, DateTime publishedUtc,
            string language = SupportedCultures.English)
        {
            await using var db = await store.CreateDbContextAsync();
            var course = new Course(slug, title, "", "Loose, luminous studies.", categoryId, instructor,
                new Money(priceMinor, Money.Cny), CourseLevel.Beginner, language, publishedUtc.AddDays(-1));
            course.AddSection("One").AddLesson("Welcome", LessonKind.Video, 300, isPreview: true);
            course.RefreshTotals();
            course.Publish(publishedUtc);
            course.SetEnrollmentCount(enrollments);
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return course.Id;
        }
    }
}
