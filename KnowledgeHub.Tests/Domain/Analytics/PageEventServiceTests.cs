using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Analytics;

/// <summary>The page-view beacon: anyone can send one, so only well-formed reports about published courses are recorded.</summary>
public sealed class PageEventServiceTests : IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private SmallCatalog world = null!;
    private PageEventService service = null!;
    private static readonly VisitorIdentity Visitor = new("v-abc", "s-123", null);

    public async Task InitializeAsync()
    {
        world = await new SmallCatalog(testDb).SeedAsync();
        service = new PageEventService(testDb, world.Clock);
    }

    public Task DisposeAsync()
    {
        testDb.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RecordAsync_NewSessionFromCampaignLink_RecordsVisitWithUtmAndTheCourseView()
    {
        var course = await world.AddCourseAsync();
        var beacon = new PageBeacon($"/courses/x?utm_source=wechat&utm_medium=social&utm_campaign=double11", "https://www.baidu.com/s?wd=x",
            [new PageEvent("CourseView", course, null, null, new Dictionary<string, string> { ["from"] = "home" })]);

        var result = await service.RecordAsync(beacon, new BeaconContext(Visitor, "mobile", NewSession: true, "localhost"), default);

        Assert.True(result.IsSuccess);
        var events = await Events();
        Assert.Equal([BehaviorEventType.Visit, BehaviorEventType.CourseView], events.Select(e => e.Type));
        var visit = events[0];
        Assert.Equal(("wechat", "social", "double11", "/courses/x", "mobile"), (visit.Source, visit.Medium, visit.Campaign, visit.LandingPath, visit.Device));
        Assert.Equal((course, "v-abc", "s-123", "mobile", """{"from":"home"}"""), (events[1].CourseId, events[1].VisitorId, events[1].SessionId, events[1].Device, events[1].PropertiesJson));
        Assert.Equal(SmallCatalog.Now.UtcDateTime, events[1].OccurredUtc);
    }

    [Theory]
    [InlineData("https://www.baidu.com/s?wd=课程", "baidu.com", "referral")]
    [InlineData("http://localhost/courses", "direct", null)]          // our own site is not a source
    [InlineData(null, "direct", null)]
    [InlineData("javascript:alert(1)", "direct", null)]
    public async Task RecordAsync_NewSessionWithoutUtm_TakesTheSourceFromTheReferrer(string? referrer, string source, string? medium)
    {
        await service.RecordAsync(new PageBeacon("/", referrer, []), new BeaconContext(Visitor, "desktop", NewSession: true, "localhost"), default);

        var visit = Assert.Single(await Events());
        Assert.Equal((BehaviorEventType.Visit, source, medium), (visit.Type, visit.Source, visit.Medium));
    }

    [Fact]
    public async Task RecordAsync_SearchInAnOngoingSession_RecordsOnlyTheSearch()
    {
        var beacon = new PageBeacon("/courses?q=学习", null, [new PageEvent("Search", null, " 学习 ", 12, null)]);

        await service.RecordAsync(beacon, new BeaconContext(Visitor, "desktop", NewSession: false, "localhost"), default);

        var search = Assert.Single(await Events());
        Assert.Equal((BehaviorEventType.Search, "学习", (int?)12, (int?)null), (search.Type, search.Query, search.Value, search.CourseId));
    }

    public static TheoryData<string, PageEvent[]> BadBeacons => new()
    {
        { "unknown type", [new PageEvent("Purchase", 1, null, null, null)] },
        { "no type", [new PageEvent(null, 1, null, null, null)] },
        { "view without course", [new PageEvent("CourseView", null, null, null, null)] },
        { "search with course", [new PageEvent("Search", 1, "x", 1, null)] },
        { "negative value", [new PageEvent("Search", null, "x", -1, null)] },
        { "too many", Enumerable.Repeat(new PageEvent("Search", null, "x", 1, null), PageEventService.MaxEvents + 1).ToArray() },
        { "too many properties", [new PageEvent("Search", null, "x", 1, Enumerable.Range(0, 9).ToDictionary(i => "k" + i, i => "v"))] },
    };

    [Theory]
    [MemberData(nameof(BadBeacons))]
    public async Task RecordAsync_MalformedBeacon_IsRefusedAndRecordsNothing(string why, PageEvent[] events)
    {
        var result = await service.RecordAsync(new PageBeacon("/courses", null, events), new BeaconContext(Visitor, "desktop", NewSession: true, "localhost"), default);

        Assert.False(result.IsSuccess, why);
        Assert.Empty(await Events());
    }

    [Fact]
    public async Task RecordAsync_UnpublishedOrUnknownCourse_IsRefusedAndRecordsNothing()
    {
        var draft = await world.AddCourseAsync(published: false);
        var published = await world.AddCourseAsync();

        var result = await service.RecordAsync(new PageBeacon("/courses/x", null,
            [new PageEvent("CourseView", published, null, null, null), new PageEvent("PreviewOpen", draft, null, 3, null)]),
            new BeaconContext(Visitor, "desktop", NewSession: true, "localhost"), default);
        var unknown = await service.RecordAsync(new PageBeacon("/courses/x", null, [new PageEvent("CourseView", 99_999, null, null, null)]),
            new BeaconContext(Visitor, "desktop", NewSession: true, "localhost"), default);

        Assert.False(result.IsSuccess);
        Assert.False(unknown.IsSuccess);
        Assert.Empty(await Events());
    }

    [Theory]
    [InlineData("")]
    [InlineData("courses")]                 // not a path of this site
    [InlineData("https://evil.example/")]
    public async Task RecordAsync_PathNotOnThisSite_IsRefused(string path)
    {
        var result = await service.RecordAsync(new PageBeacon(path, null, []), new BeaconContext(Visitor, "desktop", NewSession: true, "localhost"), default);

        Assert.False(result.IsSuccess);
        Assert.Empty(await Events());
    }

    private async Task<List<BehaviorEvent>> Events()
    {
        await using var db = testDb.CreateDbContext();
        return await db.BehaviorEvents.OrderBy(e => e.Id).ToListAsync();
    }
}
