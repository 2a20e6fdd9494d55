using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Wishlist;

public sealed class WishlistServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private SmallCatalog world = default!;
    private int learner;

    public async Task InitializeAsync()
    {
        world = await new SmallCatalog(testDb).SeedAsync();
        learner = await world.AddUserAsync("学员");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    [Fact]
    public async Task ToggleAsync_Twice_AddsThenRemovesAndRecordsBothEvents()
    {
        var course = await world.AddCourseAsync();

        var added = await world.Wishlist.ToggleAsync(learner, course);
        var inAfterAdd = await world.Wishlist.IsInWishlistAsync(learner, course);
        var removed = await world.Wishlist.ToggleAsync(learner, course);

        Assert.True(added.IsSuccess && added.Value);
        Assert.True(inAfterAdd);
        Assert.True(removed.IsSuccess);
        Assert.False(removed.Value);
        Assert.False(await world.Wishlist.IsInWishlistAsync(learner, course));
        var events = await world.QueryAsync(db => db.BehaviorEvents.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([BehaviorEventType.WishlistAdd, BehaviorEventType.WishlistRemove], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal((learner, course, $"u-{learner}"), (e.UserId!.Value, e.CourseId!.Value, e.VisitorId)));
    }

    [Fact]
    public async Task ToggleAsync_UnpublishedCourse_IsRefused()
    {
        var draft = await world.AddCourseAsync(published: false);

        var result = await world.Wishlist.ToggleAsync(learner, draft);

        Assert.Equal("wishlist.unavailable", result.Error?.Code);
        Assert.Equal("WishlistCourseUnavailable", result.Error?.Message);
        Assert.Equal(0, await world.QueryAsync(db => db.WishlistItems.CountAsync()));
        Assert.Equal(0, await world.QueryAsync(db => db.BehaviorEvents.CountAsync()));
    }

    [Fact]
    public async Task ToggleAsync_WithTheVisitorCookie_RecordsItOnTheEvent()
    {
        var course = await world.AddCourseAsync();

        await world.Wishlist.ToggleAsync(learner, course, new VisitorIdentity("v-abc", "s-1", learner));

        var e = await world.QueryAsync(db => db.BehaviorEvents.SingleAsync());
        Assert.Equal(("v-abc", "s-1"), (e.VisitorId, e.SessionId));
    }

    [Fact]
    public async Task RemoveAsync_NotInTheWishlist_ChangesNothing()
    {
        var course = await world.AddCourseAsync();

        Assert.False(await world.Wishlist.RemoveAsync(learner, course));
        Assert.Equal(0, await world.QueryAsync(db => db.BehaviorEvents.CountAsync()));
    }

    [Fact]
    public async Task ListAsync_ReturnsPublishedSavedCoursesAsCardsMostRecentFirst()
    {
        var first = await world.AddCourseAsync();
        var second = await world.AddCourseAsync(priceFen: 0);
        var notSaved = await world.AddCourseAsync();
        var someoneElse = await world.AddUserAsync("别人");
        await world.Wishlist.ToggleAsync(learner, first);
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.Wishlist.ToggleAsync(learner, second);
        await world.Wishlist.ToggleAsync(someoneElse, notSaved);

        var cards = await world.Wishlist.ListAsync(learner);

        Assert.Equal([second, first], cards.Select(c => c.Id));
        Assert.Equal("王老师", cards[0].InstructorName);
        Assert.True(cards[0].Price.IsZero);
    }
}
