using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Reviews;

public sealed class ReviewServiceTests : IAsyncLifetime, IDisposable
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
    public async Task SubmitAsync_InstructorEnrolledInOwnCourse_IsRefusedAndTheRatingStays()
    {
        await world.EnrollAsync(world.InstructorId, course);

        var result = await world.Reviews.SubmitAsync(world.InstructorId, course, 5, "我的课最好");

        Assert.Equal("review.own_course", result.Error!.Code);
        Assert.Equal((0.0, 0), ((await world.CourseAsync(course)).RatingAverage, (await world.CourseAsync(course)).RatingCount));
    }

    [Fact]
    public async Task SubmitAsync_LearnerNotEnrolled_IsRefusedAndStoresNothing()
    {
        var outsider = await world.AddUserAsync("路人");

        var result = await world.Reviews.SubmitAsync(outsider, course, 5, "好课");

        Assert.False(result.IsSuccess);
        Assert.Equal("review.not_enrolled", result.Error!.Code);
        Assert.Equal("ReviewNotEnrolled", result.Error.Message);
        Assert.Equal(0, await world.QueryAsync(db => db.Reviews.CountAsync()));
    }

    [Fact]
    public async Task SubmitAsync_EnrolledLearner_CreatesTheReviewAndSetsTheCourseRating()
    {
        var learner = await world.AddLearnerInAsync(course);

        var result = await world.Reviews.SubmitAsync(learner, course, 4, "  讲得很清楚  ");

        Assert.True(result.IsSuccess);
        Assert.True(result.Value!.Created);
        Assert.Equal((4.0, 1), (result.Value.RatingAverage, result.Value.RatingCount));
        var review = await world.QueryAsync(db => db.Reviews.SingleAsync());
        Assert.Equal("讲得很清楚", review.Text);
        var saved = await world.CourseAsync(course);
        Assert.Equal((4.0, 1), (saved.RatingAverage, saved.RatingCount));
    }

    [Fact]
    public async Task SubmitAsync_SecondTime_EditsTheOneReviewAndRecomputesTheAverage()
    {
        var first = await world.AddLearnerInAsync(course);
        var second = await world.AddLearnerInAsync(course);
        await world.Reviews.SubmitAsync(first, course, 5, "很好");
        await world.Reviews.SubmitAsync(second, course, 3, "一般");
        world.Clock.Advance(TimeSpan.FromDays(1));

        var result = await world.Reviews.SubmitAsync(second, course, 1, "后面几章太难了");

        Assert.True(result.IsSuccess);
        Assert.False(result.Value!.Created);
        var reviews = await world.QueryAsync(db => db.Reviews.Where(r => r.LearnerId == second).ToListAsync());
        var review = Assert.Single(reviews);
        Assert.Equal((1, "后面几章太难了"), (review.Rating, review.Text));
        Assert.True(review.UpdatedUtc > review.CreatedUtc);
        var saved = await world.CourseAsync(course);
        Assert.Equal((3.0, 2), (saved.RatingAverage, saved.RatingCount));
    }

    [Fact]
    public async Task SubmitAsync_TextWithMarkup_IsStoredAsPlainText()
    {
        var learner = await world.AddLearnerInAsync(course);

        await world.Reviews.SubmitAsync(learner, course, 5, "<script>alert('x')</script>");

        Assert.Equal("<script>alert('x')</script>", await world.QueryAsync(db => db.Reviews.Select(r => r.Text).SingleAsync()));
    }

    [Theory]
    [InlineData(0, "review.rating_range")]
    [InlineData(6, "review.rating_range")]
    public async Task SubmitAsync_RatingOutOfRange_IsRefused(int rating, string code)
    {
        var learner = await world.AddLearnerInAsync(course);

        var result = await world.Reviews.SubmitAsync(learner, course, rating, "x");

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public async Task SubmitAsync_TextOverTheLimit_IsRefusedButTheLimitItselfIsFine()
    {
        var learner = await world.AddLearnerInAsync(course);

        var tooLong = await world.Reviews.SubmitAsync(learner, course, 4, new string('好', Review.TextMaxLength + 1));
        var atLimit = await world.Reviews.SubmitAsync(learner, course, 4, new string('好', Review.TextMaxLength));

        Assert.Equal("review.text_too_long", tooLong.Error?.Code);
        Assert.True(atLimit.IsSuccess);
    }

    [Fact]
    public async Task SubmitAsync_UnpublishedCourse_IsRefused()
    {
        var draft = await world.AddCourseAsync(published: false);
        var learner = await world.AddLearnerInAsync(draft);

        var result = await world.Reviews.SubmitAsync(learner, draft, 5, "");

        Assert.Equal("review.course_unavailable", result.Error?.Code);
    }

    [Fact]
    public async Task HideAsync_ByAdmin_TakesTheReviewOutOfTheAverageAndUnhideBringsItBack()
    {
        var happy = await world.AddLearnerInAsync(course);
        var angry = await world.AddLearnerInAsync(course);
        await world.Reviews.SubmitAsync(happy, course, 5, "很好");
        var spam = (await world.Reviews.SubmitAsync(angry, course, 1, "加微信买便宜课")).Value!.ReviewId;

        var hidden = await world.Reviews.HideAsync(world.AdminId, spam);

        Assert.True(hidden.IsSuccess);
        Assert.Equal((5.0, 1), await Rating());
        var summary = await world.ReviewQueries.GetSummaryAsync(course);
        Assert.Equal((5.0, 1), (summary.Average, summary.Count));
        var publicPage = await world.ReviewQueries.GetPageAsync(course, viewerId: null);
        Assert.DoesNotContain(publicPage.Items, i => i.Id == spam);
        var authorPage = await world.ReviewQueries.GetPageAsync(course, angry);
        Assert.True(Assert.Single(authorPage.Items, i => i.Id == spam).IsHidden);
        Assert.True((await world.ReviewQueries.GetViewerAsync(course, angry)).Own!.IsHidden);

        var unhidden = await world.Reviews.UnhideAsync(world.AdminId, spam);

        Assert.True(unhidden.IsSuccess);
        Assert.Equal((3.0, 2), await Rating());
        Assert.Contains((await world.ReviewQueries.GetPageAsync(course, viewerId: null)).Items, i => i.Id == spam);
    }

    [Fact]
    public async Task SubmitAsync_EditingAHiddenReview_KeepsItOutOfTheAverage()
    {
        var learner = await world.AddLearnerInAsync(course);
        var id = (await world.Reviews.SubmitAsync(learner, course, 1, "垃圾")).Value!.ReviewId;
        await world.Reviews.HideAsync(world.AdminId, id);

        await world.Reviews.SubmitAsync(learner, course, 2, "还是不好");

        Assert.Equal((0.0, 0), await Rating());
    }

    [Fact]
    public async Task HideAsync_ByNonAdmin_IsRefusedEvenForTheCourseInstructor()
    {
        var learner = await world.AddLearnerInAsync(course);
        var id = (await world.Reviews.SubmitAsync(learner, course, 1, "差")).Value!.ReviewId;

        var byInstructor = await world.Reviews.HideAsync(world.InstructorId, id);
        var byAuthor = await world.Reviews.HideAsync(learner, id);

        Assert.Equal("review.not_admin", byInstructor.Error?.Code);
        Assert.Equal("review.not_admin", byAuthor.Error?.Code);
        Assert.False(await world.QueryAsync(db => db.Reviews.Select(r => r.IsHidden).SingleAsync()));
    }

    [Fact]
    public async Task ReplyAsync_CourseInstructor_RepliesOnceOnly()
    {
        var learner = await world.AddLearnerInAsync(course);
        var id = (await world.Reviews.SubmitAsync(learner, course, 4, "第三章能再讲细一点吗？")).Value!.ReviewId;

        var first = await world.Reviews.ReplyAsync(world.InstructorId, id, "  好的，下周补充一节。 ");
        var second = await world.Reviews.ReplyAsync(world.InstructorId, id, "再回复一次");

        Assert.True(first.IsSuccess);
        Assert.Equal("review.already_replied", second.Error?.Code);
        var review = await world.QueryAsync(db => db.Reviews.SingleAsync());
        Assert.Equal("好的，下周补充一节。", review.InstructorReply);
        Assert.Equal(SmallCatalog.Now.UtcDateTime, review.RepliedUtc);
    }

    [Fact]
    public async Task ReplyAsync_AnotherInstructorOrALearner_IsRefused()
    {
        var otherInstructor = await world.AddUserAsync("李老师", Roles.Instructor);
        var learner = await world.AddLearnerInAsync(course);
        var id = (await world.Reviews.SubmitAsync(learner, course, 4, "不错")).Value!.ReviewId;

        Assert.Equal("review.not_instructor", (await world.Reviews.ReplyAsync(otherInstructor, id, "谢谢")).Error?.Code);
        Assert.Equal("review.not_instructor", (await world.Reviews.ReplyAsync(learner, id, "谢谢")).Error?.Code);
        Assert.Equal("review.not_instructor", (await world.Reviews.ReplyAsync(world.AdminId, id, "谢谢")).Error?.Code);
        Assert.Equal("review.reply_empty", (await world.Reviews.ReplyAsync(world.InstructorId, id, "   ")).Error?.Code);
        Assert.Null(await world.QueryAsync(db => db.Reviews.Select(r => r.InstructorReply).SingleAsync()));
    }

    [Fact]
    public async Task ReportAsync_OncePerUser_AndNeverByTheAuthor()
    {
        var author = await world.AddLearnerInAsync(course);
        var reader = await world.AddUserAsync("读者");
        var id = (await world.Reviews.SubmitAsync(author, course, 1, "广告")).Value!.ReviewId;

        var first = await world.Reviews.ReportAsync(reader, id);
        var again = await world.Reviews.ReportAsync(reader, id);
        var byAuthor = await world.Reviews.ReportAsync(author, id);
        var byInstructor = await world.Reviews.ReportAsync(world.InstructorId, id);

        Assert.True(first.IsSuccess);
        Assert.Equal("review.already_reported", again.Error?.Code);
        Assert.Equal("review.own_review", byAuthor.Error?.Code);
        Assert.True(byInstructor.IsSuccess);
        Assert.Equal(2, await world.QueryAsync(db => db.ReviewReports.CountAsync(r => r.ReviewId == id)));
        var adminView = await world.ReviewQueries.GetPageAsync(course, world.AdminId);
        Assert.Equal(2, Assert.Single(adminView.Items).ReportCount);
        var readerView = await world.ReviewQueries.GetPageAsync(course, reader);
        Assert.Equal((0, true, false), (readerView.Items[0].ReportCount, readerView.Items[0].AlreadyReported, readerView.Items[0].CanReport));
    }

    private async Task<(double, int)> Rating()
    {
        var c = await world.CourseAsync(course);
        return (c.RatingAverage, c.RatingCount);
    }
}
