using System.Net;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>
/// Anonymous public pages come from the output cache: without cookies, per language, and never stale after a change to
/// what they show. Signed-in visitors always get their own rendering.
/// </summary>
public sealed class PublicPageCacheTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/courses")]
    [InlineData("/courses?level=Beginner&sort=Newest")]
    public async Task PublicPage_Anonymous_SetsNoCookieAndTheRepeatIsServedFromTheCache(string path)
    {
        var client = app.Factory.CreateBrowserClient("en-US");

        var first = await client.GetAsync(path);
        var second = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), string.Join(" | ", first.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value)));
        Assert.True(second.Headers.Age.HasValue, "the second response should come from the output cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicPage_CachedInEnglish_ChineseVisitorGetsChinese()
    {
        await app.Factory.CreateBrowserClient("en-US").GetStringAsync("/courses?sort=Rating");

        var html = await app.Factory.CreateBrowserClient("zh-CN").GetStringAsync("/courses?sort=Rating");

        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("全部课程", html);
    }

    [Fact]
    public async Task CoursePage_RatingChangedThroughTheStore_NextAnonymousVisitorSeesIt()
    {
        await using var db = await DbAsync();
        var course = await db.Courses.Where(c => c.Status == CourseStatus.Published).OrderByDescending(c => c.Id).FirstAsync();
        var client = app.Factory.CreateBrowserClient("en-US");
        await client.GetStringAsync($"/courses/{course.Slug}");
        Assert.True((await client.GetAsync($"/courses/{course.Slug}")).Headers.Age.HasValue);

        course.SetRatingSummary(1.2, 43_210);
        await db.SaveChangesAsync();
        var html = await client.GetStringAsync($"/courses/{course.Slug}");

        Assert.Contains("(43,210 ratings)", html);
    }

    [Fact]
    public async Task PublicPage_SignedIn_IsRenderedForTheUserNotServedFromTheCache()
    {
        var anonymous = app.Factory.CreateBrowserClient("en-US");
        await anonymous.GetStringAsync("/courses?price=Free");
        var learner = app.Factory.CreateBrowserClient("en-US");
        await learner.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword);

        var response = await learner.GetAsync("/courses?price=Free");
        var html = await response.Content.ReadAsStringAsync();

        Assert.False(response.Headers.Age.HasValue);
        Assert.Contains("action=\"/Identity/Account/Logout\"", html);          // the account menu of a signed-in user
    }

    private async Task<KnowledgeHubDbContext> DbAsync() =>
        await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
}
