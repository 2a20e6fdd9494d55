using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Learning;

public sealed class EnrollmentServiceTests : IAsyncLifetime, IDisposable
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
    public async Task EnrollFreeAsync_PaidCourse_IsRefused()
    {
        var paid = await world.AddCourseAsync(priceFen: 19900);

        var result = await world.Enrollment.EnrollFreeAsync(learner, paid);

        Assert.Equal("enrol.not_free", result.Error?.Code);
        Assert.Equal("EnrollNotFree", result.Error?.Message);
        Assert.False(await world.Enrollment.IsEnrolledAsync(learner, paid));
        Assert.Equal(0, (await world.CourseAsync(paid)).EnrollmentCount);
    }

    [Fact]
    public async Task EnrollFreeAsync_FreeCourseTwice_EnrolsOnceAndCountsOnce()
    {
        var free = await world.AddCourseAsync(priceFen: 0);

        var first = await world.Enrollment.EnrollFreeAsync(learner, free);
        var again = await world.Enrollment.EnrollFreeAsync(learner, free);

        Assert.True(first.IsSuccess);
        Assert.True(again.IsSuccess); // idempotent: a second click ends in the same state
        Assert.True(await world.Enrollment.IsEnrolledAsync(learner, free));
        var enrollment = await world.QueryAsync(db => db.Enrollments.SingleAsync());
        Assert.Equal((SmallCatalog.Now.UtcDateTime, (int?)null), (enrollment.EnrolledUtc, enrollment.OrderId));
        Assert.Equal(1, (await world.CourseAsync(free)).EnrollmentCount);
    }

    [Fact]
    public async Task EnrollFreeAsync_UnpublishedOrMissingCourse_IsRefused()
    {
        var draft = await world.AddCourseAsync(priceFen: 0, published: false);

        Assert.Equal("enrol.unavailable", (await world.Enrollment.EnrollFreeAsync(learner, draft)).Error?.Code);
        Assert.Equal("enrol.unavailable", (await world.Enrollment.EnrollFreeAsync(learner, 9999)).Error?.Code);
    }

    [Fact]
    public async Task GetStatusAsync_SaysFreeAndWhetherEnrolled()
    {
        var free = await world.AddCourseAsync(priceFen: 0);
        var paid = await world.AddCourseAsync(priceFen: 100);
        var draft = await world.AddCourseAsync(priceFen: 0, published: false);

        var before = await world.Enrollment.GetStatusAsync(free, learner);
        await world.Enrollment.EnrollFreeAsync(learner, free);
        var after = await world.Enrollment.GetStatusAsync(free, learner);

        Assert.Equal((true, false), (before!.IsFree, before.IsEnrolled));
        Assert.True(after!.IsEnrolled);
        Assert.False((await world.Enrollment.GetStatusAsync(free, null))!.IsEnrolled);
        Assert.False((await world.Enrollment.GetStatusAsync(paid, learner))!.IsFree);
        Assert.Null(await world.Enrollment.GetStatusAsync(draft, learner));
    }

    [Fact]
    public async Task EnrollFreeAsync_ManyLearnersAndDoubleClicksAtOnce_CountsEveryLearnerExactlyOnce()
    {
        using var store = new FileTestDb();
        var files = await new SmallCatalog(store).SeedAsync();
        var free = await files.AddCourseAsync(priceFen: 0);
        var learners = new List<int>();
        for (var i = 0; i < 12; i++) learners.Add(await files.AddUserAsync($"学员{i}"));

        var results = await Task.WhenAll(learners.Concat(learners)
            .Select(l => Task.Run(() => files.Enrollment.EnrollFreeAsync(l, free))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Code));
        Assert.Equal(12, await files.QueryAsync(db => db.Enrollments.CountAsync()));
        Assert.Equal(12, (await files.CourseAsync(free)).EnrollmentCount);
    }
}
