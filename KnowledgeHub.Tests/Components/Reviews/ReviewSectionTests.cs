using System.Security.Claims;
using Bunit;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Reviews;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Components.Reviews;

public sealed class ReviewSectionTests : MudBunitContext
{
    private readonly TestDb testDb = new();
    private readonly SmallCatalog world;

    public ReviewSectionTests()
    {
        world = new SmallCatalog(testDb);
        Services.AddSingleton(world.Reviews);
        Services.AddSingleton(world.ReviewQueries);
        UseCulture("en-US");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
    }

    /// <summary>The first queries of a test run compile EF models and queries: allow more than bunit's default second.</summary>
    private static Task WaitAsync(IRenderedComponent<ReviewSection> cut, Action assertion) =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    private IRenderedComponent<ReviewSection> RenderSection(int courseId) => Render<ReviewSection>(p => p.Add(c => c.CourseId, courseId));

    [Fact]
    public async Task Render_Anonymous_ShowsSummaryPlainTextReviewsAndALogInLink()
    {
        await world.SeedAsync();
        var course = await world.AddCourseAsync();
        await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course, "小明"), course, 4, "<script>alert(1)</script>");
        AddAuthorization().SetNotAuthorized();

        var cut = RenderSection(course);

        await WaitAsync(cut, () => cut.Find("[data-testid=review-list]"));
        Assert.Equal("4.0", cut.Find(".kh-review-average").TextContent.Trim());
        Assert.Equal(5, cut.FindAll(".kh-review-bar").Count);
        Assert.Equal("4-star reviews: 1 (100%)", cut.FindAll(".kh-review-bar")[1].GetAttribute("aria-label"));
        Assert.Equal("<script>alert(1)</script>", cut.Find(".kh-review-text").TextContent.Trim());
        Assert.Empty(cut.FindAll(".kh-review-text script"));
        Assert.Contains("/Identity/Account/Login?returnUrl=", cut.Find("a[href*='Login']").GetAttribute("href"));
        Assert.DoesNotContain("Report", cut.Markup);
    }

    [Fact]
    public async Task Render_SignedInButNotEnrolled_ExplainsWhoCanReview()
    {
        await world.SeedAsync();
        var course = await world.AddCourseAsync();
        SignIn(await world.AddUserAsync("路人"));

        var cut = RenderSection(course);

        await WaitAsync(cut, () => Assert.Equal("Only learners enrolled in this course can review it.",
            cut.Find("[data-testid=not-enrolled]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=review-form]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=reviews-empty]"));
    }

    [Fact]
    public async Task Submit_EnrolledLearner_SavesAndUpdatesTheAverageOnScreen()
    {
        await world.SeedAsync();
        var course = await world.AddCourseAsync();
        await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course), course, 5, "很好");
        var learner = await world.AddLearnerInAsync(course, "新同学");
        SignIn(learner);
        var cut = RenderSection(course);
        await WaitAsync(cut, () => cut.Find("[data-testid=review-form]"));

        cut.FindAll("[data-testid=review-form] .mud-rating-item")[3].Click();
        cut.Find("[data-testid=review-form] textarea").Input("Clear and practical");
        cut.Find("button.kh-review-submit").Click();

        await WaitAsync(cut, () => Assert.Equal("4.5", cut.Find(".kh-review-average").TextContent.Trim()));
        Assert.Equal(2, cut.FindAll("[data-testid=review]").Count);
        Assert.Contains("Edit your review", cut.Find("[data-testid=own-review]").TextContent);
        Assert.Equal("Update review", cut.Find("button.kh-review-submit").TextContent.Trim());
    }

    [Fact]
    public async Task Hide_Admin_HidesTheReviewAndTheAverageDropsIt()
    {
        await world.SeedAsync();
        var course = await world.AddCourseAsync();
        await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course), course, 5, "很好");
        await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course), course, 1, "加微信");
        SignIn(world.AdminId, Roles.Admin);
        var cut = RenderSection(course);
        await WaitAsync(cut, () => Assert.Equal("3.0", cut.Find(".kh-review-average").TextContent.Trim()));

        var spam = cut.FindAll("[data-testid=review]").Single(r => r.TextContent.Contains("加微信"));
        spam.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Hide").Click();

        await WaitAsync(cut, () => Assert.Equal("5.0", cut.Find(".kh-review-average").TextContent.Trim()));
        var hidden = cut.FindAll("[data-testid=review]").Single(r => r.TextContent.Contains("加微信"));
        Assert.Contains("Hidden", hidden.TextContent);
        Assert.Contains(hidden.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Unhide");
    }

    [Fact]
    public async Task Reply_CourseInstructor_PostsTheReplyUnderTheReview()
    {
        await world.SeedAsync();
        var course = await world.AddCourseAsync();
        await world.Reviews.SubmitAsync(await world.AddLearnerInAsync(course), course, 4, "第三章能再讲细一点吗？");
        SignIn(world.InstructorId, Roles.Instructor);
        var cut = RenderSection(course);
        await WaitAsync(cut, () => cut.Find("[data-testid=review]"));

        cut.FindAll("[data-testid=review] button").Single(b => b.TextContent.Trim() == "Reply").Click();
        cut.Find("[data-testid=reply-form] textarea").Input("好的，下周补充。");
        cut.FindAll("[data-testid=reply-form] button").Single(b => b.TextContent.Trim() == "Post reply").Click();

        await WaitAsync(cut, () => Assert.Contains("好的，下周补充。", cut.Find("[data-testid=review-reply]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=reply-form]"));
        Assert.DoesNotContain(cut.FindAll("[data-testid=review] button"), b => b.TextContent.Trim() == "Reply");
    }
}
