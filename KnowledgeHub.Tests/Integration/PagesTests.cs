using System.Text.RegularExpressions;
using System.Net;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

public sealed class PagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Html(string text) => HtmlText.Encode(text);

    [Fact]
    public async Task Home_ChineseBrowser_ShowsDemoCoursesInChineseWithYuanPrices()
    {
        var client = app.Factory.CreateBrowserClient("zh-CN,zh;q=0.9");
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("学有所成，知识有价", html);          // CJK unescaped in prerendered HTML
        Assert.DoesNotMatch("&#x(?:[3-9A-F][0-9A-F]{3}|[0-9A-F]{5});", html);  // no CJK character escaped
        foreach (var title in await PopularTitlesAsync(3))
            Assert.Contains(Html(title), html);
        Assert.Contains("¥", html);
    }

    [Fact]
    public async Task Home_EnglishBrowser_ShowsEnglishChrome()
    {
        var client = app.Factory.CreateBrowserClient("en-GB,en;q=0.8");
        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"en-US\"", html);
        Assert.Contains("Learn skills that pay off", html);
        Assert.Contains("Most popular", html);
    }

    [Fact]
    public async Task Home_NoLanguageWeServe_FallsBackToEnglish()
    {
        var client = app.Factory.CreateBrowserClient("fr-FR");
        var html = await client.GetStringAsync("/");
        Assert.Contains("<html lang=\"en-US\"", html);
    }

    [Fact]
    public async Task CultureSwitch_ChooseChinese_CookieOutranksTheBrowser()
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        var switched = await client.GetAsync("/culture/set?culture=zh-CN&redirectUri=%2Fcourses");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/courses", switched.Headers.Location!.OriginalString);

        var html = await client.GetStringAsync("/courses");
        Assert.Contains("<html lang=\"zh-CN\"", html);
        Assert.Contains("全部课程", html);
    }

    [Fact]
    public async Task CultureSwitch_ForeignRedirect_StaysOnThisSite()
    {
        var client = app.Factory.CreateBrowserClient();
        var response = await client.GetAsync("/culture/set?culture=en-US&redirectUri=https%3A%2F%2Fevil.example%2F");
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/culture/set?culture=en-US&redirectUri=%2F%09%2Fevil.example")]
    [InlineData("/theme/set?mode=dark&redirectUri=%2F%0D%0ASet-Cookie%3Ax")]
    public async Task PreferenceSwitch_RedirectWithControlCharacters_GoesHomeInstead(string url)
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task CourseDetail_PublishedCourse_ShowsSyllabusAndPrice()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var course = await db.Courses.Include(c => c.Sections).ThenInclude(s => s.Lessons)
            .Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0).OrderBy(c => c.Id).FirstAsync();

        var html = await app.Factory.CreateBrowserClient("zh-CN").GetStringAsync($"/courses/{course.Slug}");

        Assert.Contains(Html(course.Title), html);
        Assert.Contains(Html(course.Sections[0].Lessons[0].Title), html);
        Assert.Contains(course.Price.Format(new System.Globalization.CultureInfo("zh-CN")), html);
    }

    [Fact]
    public async Task Search_TwoCharacterChineseWord_FindsCoursesContainingIt()
    {
        var html = await app.Factory.CreateBrowserClient("zh-CN").GetStringAsync("/courses?q=" + Uri.EscapeDataString("学习"));
        Assert.Contains("机器学习", html);
    }

    [Fact]
    public async Task Courses_TopCategoryFilter_ShowsOnlyCoursesOfThatCategoryAndItsChildren()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var top = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).FirstAsync();
        var inside = await db.Courses.Where(c => c.Status == CourseStatus.Published && (c.CategoryId == top.Id || c.Category!.ParentId == top.Id)).Select(c => c.Title).ToListAsync();
        var outside = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.CategoryId != top.Id && c.Category!.ParentId != top.Id).Select(c => c.Title).ToListAsync();

        var html = await app.Factory.CreateBrowserClient("zh-CN").GetStringAsync($"/courses/c/{top.Slug}?sort=Popular");

        Assert.Contains($">{top.NameZh}</h1>", html);
        Assert.Contains($"共 {inside.Count} 门课程", html);
        Assert.Equal(Math.Min(inside.Count, 12), Regex.Matches(html, "data-testid=\"course-card\"").Count);   // one page of 12
        Assert.All(outside, t => Assert.DoesNotContain(">" + Html(t) + "<", html));
    }

    [Fact]
    public async Task UnknownUrl_ChineseBrowser_FriendlyNotFoundInChinese()
    {
        var response = await app.Factory.CreateBrowserClient("zh-CN").GetAsync("/no/such/page");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", html);
        Assert.Contains("返回首页", html);
    }

    [Fact]
    public async Task UnknownCourse_Returns404Page()
    {
        var response = await app.Factory.CreateBrowserClient("en-US").GetAsync("/courses/no-such-course");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_DatabaseReachable_200()
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/teach")]
    [InlineData("/admin")]
    public async Task StaffArea_Anonymous_IsSentToLogIn(string path)
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AdminArea_Learner_Gets403Page()
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        var login = await client.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don't have access to this page", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));

        var teach = await client.GetAsync("/teach");
        Assert.Equal(HttpStatusCode.Forbidden, teach.StatusCode);
    }

    [Fact]
    public async Task Dashboards_StaffSignedIn_ShowCountsFromTheDatabase()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var userCount = await db.Users.CountAsync();

        var admin = app.Factory.CreateBrowserClient("en-US");
        await admin.LogInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);
        var adminHtml = await admin.GetStringAsync("/admin");
        Assert.Contains("Admin dashboard", adminHtml);
        Assert.Contains(userCount.ToString("N0", new System.Globalization.CultureInfo("en-US")), adminHtml);

        var teacher = app.Factory.CreateBrowserClient("en-US");
        await teacher.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var teachHtml = await teacher.GetStringAsync("/teach");
        var ownTitle = await db.Courses.Where(c => c.Instructor!.Email == DemoAccounts.InstructorEmail).Select(c => c.Title).FirstAsync();
        Assert.Contains(Html(ownTitle), teachHtml);
    }

    [Fact]
    public async Task SignedInUser_ProfileLanguage_OutranksBrowserAndCookie()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var chineseLearner = await db.Users.Where(u => u.PreferredCulture == "zh-CN" && u.Email!.StartsWith("learner")).OrderBy(u => u.Id).Select(u => u.Email!).FirstAsync();

        var client = app.Factory.CreateBrowserClient("en-US");
        await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2F");  // cookie says English too
        Assert.Contains("<html lang=\"en-US\"", await client.GetStringAsync("/"));

        await client.LogInAsync(chineseLearner, DemoAccounts.SharedPassword);
        Assert.Contains("<html lang=\"zh-CN\"", await client.GetStringAsync("/"));
    }

    private async Task<List<string>> PopularTitlesAsync(int count)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
        var home = await catalog.GetHomeAsync(count, CancellationToken.None);
        Assert.NotEmpty(home.Popular);
        return home.Popular.Select(c => c.Title).ToList();
    }
}
