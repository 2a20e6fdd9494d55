namespace KnowledgeHub.Tests.Domain.Reviews;

public sealed class ReviewConcurrencyTests
{
    [Fact]
    public async Task SubmitAsync_ManyLearnersAtOnce_TheCachedRatingMatchesEveryReview()
    {
        using var store = new FileTestDb();
        var world = await new SmallCatalog(store).SeedAsync();
        var course = await world.AddCourseAsync();
        var learners = new List<int>();
        for (var i = 0; i < 16; i++) learners.Add(await world.AddLearnerInAsync(course, $"学员{i}"));

        var results = await Task.WhenAll(learners.Select((l, i) => Task.Run(() => world.Reviews.SubmitAsync(l, course, 1 + i % 5, "并发"))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Code));
        var saved = await world.CourseAsync(course);
        var expected = learners.Select((_, i) => 1 + i % 5).Average();
        Assert.Equal((Math.Round(expected, 2), 16), (saved.RatingAverage, saved.RatingCount));
    }

    [Fact]
    public async Task SubmitAsync_OneLearnerTwiceAtOnce_KeepsOneReview()
    {
        using var store = new FileTestDb();
        var world = await new SmallCatalog(store).SeedAsync();
        var course = await world.AddCourseAsync();
        var learner = await world.AddLearnerInAsync(course);

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() => world.Reviews.SubmitAsync(learner, course, 1 + i % 5, $"第{i}次"))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Code));
        Assert.Single(results, r => r.Value!.Created);
        Assert.Equal(1, (await world.CourseAsync(course)).RatingCount);
    }
}
