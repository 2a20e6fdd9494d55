using System.Text.Json;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Analytics;

public sealed class EventRecorderTests
{
    [Fact]
    public async Task RecordAsync_WithProperties_InsertsOneRowWithSessionAndJson()
    {
        using var testDb = new TestDb();
        var recorder = new EventRecorder(testDb, new FakeTimeProvider(SmallCatalog.Now), NullLogger<EventRecorder>.Instance);

        await recorder.RecordAsync(BehaviorEventType.PreviewOpen, new VisitorIdentity("v-123", "s-9", null), courseId: null,
            query: "  机器学习 ", value: 2, properties: new { lesson = 42, title = "第一课" });

        await using var db = testDb.CreateDbContext();
        var e = await db.BehaviorEvents.SingleAsync();
        Assert.Equal((BehaviorEventType.PreviewOpen, "v-123", "s-9", (int?)null), (e.Type, e.VisitorId, e.SessionId, e.UserId));
        Assert.Equal(("机器学习", (int?)2, SmallCatalog.Now.UtcDateTime), (e.Query, e.Value, e.OccurredUtc));
        Assert.Equal("""{"lesson":42,"title":"第一课"}""", e.PropertiesJson);
        using var json = JsonDocument.Parse(e.PropertiesJson!);
        Assert.Equal(42, json.RootElement.GetProperty("lesson").GetInt32());
    }

    [Fact]
    public async Task RecordAsync_OverlongIds_AreClippedToTheColumns()
    {
        using var testDb = new TestDb();
        var recorder = new EventRecorder(testDb, TimeProvider.System, NullLogger<EventRecorder>.Instance);

        await recorder.RecordAsync(BehaviorEventType.Search, new VisitorIdentity(new string('v', 90), new string('s', 90), 7), null,
            query: new string('q', 500));

        await using var db = testDb.CreateDbContext();
        var e = await db.BehaviorEvents.SingleAsync();
        Assert.Equal((40, 40, 200, (string?)null), (e.VisitorId.Length, e.SessionId!.Length, e.Query!.Length, e.PropertiesJson));
    }

    [Fact]
    public async Task RecordAsync_DatabaseGone_DoesNotThrow()
    {
        var testDb = new TestDb();
        var recorder = new EventRecorder(testDb, TimeProvider.System, NullLogger<EventRecorder>.Instance);
        testDb.Dispose();

        var record = recorder.RecordAsync(BehaviorEventType.CourseView, VisitorIdentity.ForUser(1), 1, properties: new { x = 1 });

        await record; // completes without an exception
        Assert.True(record.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task DemoSeeder_WithTheNewEventColumns_StillInsertsItsEvents()
    {
        using var testDb = new TestDb();

        await new DemoSeeder(testDb, new FakeTimeProvider(SmallCatalog.Now)).SeedAsync();

        await using var db = testDb.CreateDbContext();
        Assert.True(await db.BehaviorEvents.CountAsync() > 10_000);
        Assert.False(await db.BehaviorEvents.AnyAsync(e => e.SessionId != null || e.PropertiesJson != null));
    }
}
