using KnowledgeHub.Tests.Support;

namespace KnowledgeHub.Tests.Domain.Reviews;

public sealed class ReviewQueriesTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private SmallCatalog world = default!;
    private int course;

    public async Task InitializeAsync()
    {
        world = await new SmallCatalog(testDb).SeedAsync();
        course = await world.AddCourseAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    [Fact]
    public async Task GetSummaryAsync_SomeReviews_GivesAverageCountAndBarsFromFiveToOne()
    {
        foreach (var stars in new[] { 5, 5, 4, 2 })
            await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course), course, stars, "");

        var summary = await world.ReviewQueries.GetSummaryAsync(course);

        Assert.Equal(4.0, summary.Average);
        Assert.Equal(4, summary.Count);
        Assert.Equal([5, 4, 3, 2, 1], summary.Bars.Select(b => b.Stars));
        Assert.Equal([2, 1, 0, 1, 0], summary.Bars.Select(b => b.Count));
        Assert.Equal(0.5, summary.Bars[0].Share);
    }

    [Fact]
    public async Task GetSummaryAsync_NoReviews_IsZeroWithFiveEmptyBars()
    {
        var summary = await world.ReviewQueries.GetSummaryAsync(course);

        Assert.Equal((0.0, 0), (summary.Average, summary.Count));
        Assert.Equal(5, summary.Bars.Count);
        Assert.All(summary.Bars, b => Assert.Equal((0, 0.0), (b.Count, b.Share)));
    }

    [Fact]
    public async Task GetPageAsync_Anonymous_NewestFirstWithNamesAndNoActions()
    {
        var early = await world.AddLearnerInAsync(course, "早鸟");
        var late = await world.AddLearnerInAsync(course, "后来者");
        await world.Reviews.SubmitAsync(early, course, 5, "第一");
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.Reviews.SubmitAsync(late, course, 4, "第二");

        var page = await world.ReviewQueries.GetPageAsync(course, viewerId: null);

        Assert.Equal(["后来者", "早鸟"], page.Items.Select(i => i.ReviewerName));
        Assert.All(page.Items, i => Assert.False(i.CanReply || i.CanReport || i.CanModerate || i.IsOwn));
        Assert.Equal(2, page.Total);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task GetPageAsync_FlagsFollowTheViewer()
    {
        var author = await world.AddLearnerInAsync(course, "作者");
        var other = await world.AddLearnerInAsync(course, "同学");
        await world.Reviews.SubmitAsync(author, course, 3, "还行");

        var forAuthor = Assert.Single((await world.ReviewQueries.GetPageAsync(course, author)).Items);
        var forOther = Assert.Single((await world.ReviewQueries.GetPageAsync(course, other)).Items);
        var forInstructor = Assert.Single((await world.ReviewQueries.GetPageAsync(course, world.InstructorId)).Items);
        var forAdmin = Assert.Single((await world.ReviewQueries.GetPageAsync(course, world.AdminId)).Items);

        Assert.Equal((true, false, false, false), (forAuthor.IsOwn, forAuthor.CanReport, forAuthor.CanReply, forAuthor.CanModerate));
        Assert.Equal((false, true, false, false), (forOther.IsOwn, forOther.CanReport, forOther.CanReply, forOther.CanModerate));
        Assert.Equal((true, true, false), (forInstructor.CanReply, forInstructor.CanReport, forInstructor.CanModerate));
        Assert.Equal((false, true, true), (forAdmin.CanReply, forAdmin.CanReport, forAdmin.CanModerate));

        await world.Reviews.ReplyAsync(world.InstructorId, forAuthor.Id, "谢谢");
        var replied = Assert.Single((await world.ReviewQueries.GetPageAsync(course, world.InstructorId)).Items);
        Assert.Equal(("谢谢", false), (replied.Reply, replied.CanReply));
    }

    [Fact]
    public async Task GetPageAsync_MoreThanAPage_PagesThroughEveryReviewOnce()
    {
        for (var i = 0; i < 12; i++)
        {
            await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course, $"学员{i}"), course, 1 + i % 5, $"评价 {i}");
            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await world.ReviewQueries.GetPageAsync(course, null, 0, 5);
        var second = await world.ReviewQueries.GetPageAsync(course, null, 5, 5);
        var third = await world.ReviewQueries.GetPageAsync(course, null, 10, 5);

        Assert.Equal((5, true), (first.Items.Count, first.HasMore));
        Assert.Equal((2, false), (third.Items.Count, third.HasMore));
        var all = first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Text).ToList();
        Assert.Equal(Enumerable.Range(0, 12).Reverse().Select(i => $"评价 {i}"), all);
    }

    [Fact]
    public async Task GetViewerAsync_SaysWhoMayWriteAndReturnsTheOwnReview()
    {
        var learner = await world.AddLearnerInAsync(course);
        var outsider = await world.AddUserAsync("路人");
        await world.Reviews.SubmitAsync(learner, course, 4, "不错");

        var anonymous = await world.ReviewQueries.GetViewerAsync(course, null);
        var enrolled = await world.ReviewQueries.GetViewerAsync(course, learner);
        var notEnrolled = await world.ReviewQueries.GetViewerAsync(course, outsider);
        var instructor = await world.ReviewQueries.GetViewerAsync(course, world.InstructorId);

        Assert.False(anonymous.IsSignedIn);
        Assert.True(enrolled.CanWrite);
        Assert.Equal((4, "不错", false), (enrolled.Own!.Rating, enrolled.Own.Text, enrolled.Own.IsHidden));
        Assert.Equal((true, false, null), (notEnrolled.IsSignedIn, notEnrolled.CanWrite, notEnrolled.Own));
        Assert.Equal((true, false), (instructor.IsInstructor, instructor.IsAdmin));
    }
}
