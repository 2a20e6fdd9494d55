using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using KnowledgeHub.Tests.Support;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The public catalogue over HTTP: server-rendered, crawlable, and calm under bad input.</summary>
public sealed class CatalogPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string CircuitMarker = "Blazor:{\"type\":\"server\"";

    [Fact]
    public async Task CategoryPage_FilteredByLevel_ServerRendersCoursesWithMetaTagsAndNoCircuit()
    {
        await using var db = await DbAsync();
        var category = await db.Categories.Where(c => c.ParentId == null).OrderBy(c => c.SortOrder).FirstAsync();
        var expected = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.Level == CourseLevel.Beginner
                                                 && (c.CategoryId == category.Id || c.Category!.ParentId == category.Id))
            .OrderByDescending(c => c.EnrollmentCount).Select(c => c.Title).FirstAsync();

        var response = await Client("en-US").GetAsync($"/courses/c/{category.Slug}?level=Beginner");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Html(expected), html);
        Assert.Contains($">{category.NameEn}</h1>", html);
        Assert.Contains("<meta name=\"description\" content=\"", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/courses/c/{category.Slug}?level=Beginner\"", html);
        Assert.Contains("<meta property=\"og:title\"", html);
        Assert.Contains("aria-current=\"true\"", html);               // the chosen level is marked in the filter panel
        Assert.DoesNotContain(CircuitMarker, html);                     // readable without a circuit
    }

    [Fact]
    public async Task Search_TwoChineseCharacters_FindsBothCoursesAndMarksTheWord()
    {
        var html = await Client("zh-CN").GetStringAsync("/courses?q=" + Uri.EscapeDataString("学习"));

        Assert.Contains("机器<mark class=\"kh-mark\">学习</mark>入门", html);
        Assert.Contains("深度<mark class=\"kh-mark\">学习</mark>实战", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, follow\"", html);
        Assert.Contains("?from=search&amp;q=%E5%AD%A6%E4%B9%A0&amp;pos=1", html);
    }

    [Fact]
    public async Task Search_Misspelled_OffersTheRightWordAndPopularCourses()
    {
        var html = await Client("en-US").GetStringAsync("/courses?q=Pyhton");

        Assert.Contains("No courses match your search", html);
        Assert.Matches("data-testid=\"did-you-mean\"[\\s\\S]*?href=\"/courses\\?q=Python\"", html);
        Assert.Contains("Popular courses you may like", html);
    }

    [Theory]
    [InlineData("/courses?q=%22")]
    [InlineData("/courses?q=*")]
    [InlineData("/courses?q=NEAR(python%20data)")]
    [InlineData("/courses?q=(((")]
    [InlineData("/courses?q=%5Epython")]
    [InlineData("/courses?q=-python")]
    [InlineData("/courses?q=python%20OR%20AND%20NOT")]
    [InlineData("/courses?q=%F0%9F%98%80%F0%9F%93%9A")]
    [InlineData("/courses?page=9999")]
    [InlineData("/courses?page=-5")]
    [InlineData("/courses?page=abc&level=Guru&price=cheap&rating=five&sort=DROP%20TABLE&lang=fr")]
    [InlineData("/courses/c/programming?rating=4.5&sort=PriceHigh&price=Over200")]
    [InlineData("/courses/machine-learning-intro?from=search&q=x&pos=abc")]
    [InlineData("/courses/machine-learning-intro?from=search&q=x&pos=99999999999999")]
    public async Task Catalog_BadOrOddInput_ShowsASensiblePage(string url)
    {
        var response = await Client("en-US").GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", html);
        Assert.DoesNotContain("Something went wrong", html);
    }

    [Fact]
    public async Task Catalog_ThousandCharacterQuery_ShowsASensiblePage()
    {
        var response = await Client("zh-CN").GetAsync("/courses?q=" + new string('学', 1000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/courses/c/no-such-category")]
    [InlineData("/instructors/no-such-person")]
    [InlineData("/courses/no-such-course/preview/1")]
    public async Task UnknownSlug_FriendlyNotFound(string url)
    {
        var response = await Client("en-US").GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DraftCourse_PageAndPreview_Answer404AndNeverShowInSearch()
    {
        await using var db = await DbAsync();
        var draft = await db.Courses.Include(c => c.Sections).ThenInclude(s => s.Lessons).FirstAsync(c => c.Status == CourseStatus.Draft);
        var lesson = draft.Sections.SelectMany(s => s.Lessons).First();

        Assert.Equal(HttpStatusCode.NotFound, (await Client("en-US").GetAsync($"/courses/{draft.Slug}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client("en-US").GetAsync($"/courses/{draft.Slug}/preview/{lesson.Id}")).StatusCode);
        var search = await Client("zh-CN").GetStringAsync("/courses?q=" + Uri.EscapeDataString(draft.Title));
        Assert.DoesNotContain($"/courses/{draft.Slug}\"", search);
    }

    [Fact]
    public async Task CourseDetail_JsonLdAndOpenGraph_DescribeTheCourse()
    {
        await using var db = await DbAsync();
        var course = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0 && c.RatingCount > 0)
            .OrderBy(c => c.Id).FirstAsync();

        var html = await Client("zh-CN").GetStringAsync($"/courses/{course.Slug}");

        var json = Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var ld = JsonDocument.Parse(json);
        var root = ld.RootElement;
        Assert.Equal("Course", root.GetProperty("@type").GetString());
        Assert.Equal(course.Title, root.GetProperty("name").GetString());
        Assert.Equal("CNY", root.GetProperty("offers").GetProperty("priceCurrency").GetString());
        Assert.Equal(course.Price.Major, root.GetProperty("offers").GetProperty("price").GetDecimal());
        Assert.Equal(course.RatingCount, root.GetProperty("aggregateRating").GetProperty("ratingCount").GetInt32());
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/courses/{course.Slug}\"", html);
        Assert.Contains($"<meta property=\"og:title\" content=\"{Html(course.Title)}\"", html);
    }

    [Fact]
    public async Task PreviewLesson_ArticleAndVideo_OpenForAnonymousVisitors()
    {
        await using var db = await DbAsync();
        var previews = await (from c in db.Courses
                              join s in db.Sections on c.Id equals s.CourseId
                              join l in db.Lessons on s.Id equals l.SectionId
                              where c.Status == CourseStatus.Published && l.IsPreview
                              select new { c.Slug, l.Id, l.Kind, l.Title }).ToListAsync();
        var video = previews.First(p => p.Kind == LessonKind.Video);
        var article = previews.FirstOrDefault(p => p.Kind == LessonKind.Article);

        var videoHtml = await Client("en-US").GetStringAsync($"/courses/{video.Slug}/preview/{video.Id}");
        Assert.Contains("<video", videoHtml);
        Assert.Contains(Html(video.Title), videoHtml);
        Assert.Equal(HttpStatusCode.OK, (await Client("en-US").GetAsync("/media/preview-sample.webm")).StatusCode);
        if (article is not null)
            Assert.Contains("data-testid=\"preview-article\"", await Client("en-US").GetStringAsync($"/courses/{article.Slug}/preview/{article.Id}"));

        var notPreview = await (from c in db.Courses join s in db.Sections on c.Id equals s.CourseId join l in db.Lessons on s.Id equals l.SectionId
                                where c.Slug == video.Slug && !l.IsPreview select l.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Client("en-US").GetAsync($"/courses/{video.Slug}/preview/{notPreview}")).StatusCode);
    }

    [Fact]
    public async Task Sitemap_ListsPublishedCoursesCategoriesAndInstructorsOnly()
    {
        await using var db = await DbAsync();
        var published = await db.Courses.Where(c => c.Status == CourseStatus.Published).Select(c => c.Slug).ToListAsync();
        var drafts = await db.Courses.Where(c => c.Status != CourseStatus.Published).Select(c => c.Slug).ToListAsync();

        var response = await Client("en-US").GetAsync("/sitemap.xml");
        var xml = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.All(published, slug => Assert.Contains($"<loc>http://localhost/courses/{slug}</loc>", xml));
        Assert.All(drafts, slug => Assert.DoesNotContain($"/courses/{slug}<", xml));
        Assert.Contains("<loc>http://localhost/courses/c/", xml);
        Assert.Contains("<loc>http://localhost/instructors/", xml);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", await Client("en-US").GetStringAsync("/robots.txt"));
    }

    [Fact]
    public async Task InstructorPage_ShowsBioAndPublishedCourses()
    {
        await using var db = await DbAsync();
        var instructor = await db.Users.Where(u => u.Slug != null && u.Bio != null).OrderBy(u => u.Id).FirstAsync();
        var title = await db.Courses.Where(c => c.InstructorId == instructor.Id && c.Status == CourseStatus.Published).Select(c => c.Title).FirstAsync();

        var html = await Client("zh-CN").GetStringAsync($"/instructors/{instructor.Slug}");

        Assert.Contains($">{Html(instructor.DisplayName)}</h1>", html);
        Assert.Contains(Html(instructor.Bio!), html);
        Assert.Contains(Html(title), html);
    }

    [Fact]
    public async Task Suggest_OneChineseCharacter_ReturnsCoursesAsJson()
    {
        var json = await Client("zh-CN").GetStringAsync("/api/search/suggest?q=" + Uri.EscapeDataString("学"));
        using var doc = JsonDocument.Parse(json);
        var courses = doc.RootElement.GetProperty("courses");
        Assert.True(courses.GetArrayLength() > 0);
        Assert.StartsWith("/courses/", courses[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task SearchThenClick_PagesDeclareEventsAndTheBeaconRecordsThemForOneVisitor()
    {
        var client = Client("zh-CN");
        var word = "数据" + Guid.NewGuid().ToString("N")[..4];      // unique query: this test's own events
        var searchPath = "/courses?q=" + Uri.EscapeDataString(word);
        var results = await client.GetAsync(searchPath);
        var resultsHtml = await results.Content.ReadAsStringAsync();
        Assert.False(results.Headers.Contains("Set-Cookie"));          // the page itself stays cacheable
        var search = Assert.Single(PageBeacons.Declared(resultsHtml));
        Assert.Equal(("Search", word, (int?)0), (search.Type, search.Query, search.Value));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(searchPath, resultsHtml, "https://www.baidu.com/")).StatusCode);

        await using var db = await DbAsync();
        var course = await db.Courses.Where(c => c.Status == CourseStatus.Published).OrderBy(c => c.Id).FirstAsync();
        var coursePath = $"/courses/{course.Slug}?from=search&q={Uri.EscapeDataString(word)}&pos=2";
        var courseHtml = await client.GetStringAsync(coursePath);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(coursePath, courseHtml)).StatusCode);

        var events = await db.BehaviorEvents.Where(e => e.Query == word).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([BehaviorEventType.Search, BehaviorEventType.SearchClick], events.Select(e => e.Type));
        Assert.Equal(2, events[1].Value);
        Assert.Equal(course.Id, events[1].CourseId);
        Assert.Equal(events[0].VisitorId, events[1].VisitorId);          // the first beacon's cookie came back
        Assert.Equal(events[0].SessionId, events[1].SessionId);
        Assert.StartsWith("v-", events[0].VisitorId);
        Assert.True(await db.BehaviorEvents.AnyAsync(e => e.Type == BehaviorEventType.CourseView && e.CourseId == course.Id && e.VisitorId == events[0].VisitorId));
        var visit = await db.BehaviorEvents.SingleAsync(e => e.Type == BehaviorEventType.Visit && e.VisitorId == events[0].VisitorId);
        Assert.Equal(("baidu.com", "referral", "/courses"), (visit.Source, visit.Medium, visit.LandingPath));
    }

    [Fact]
    public async Task Beacon_BadReport_Returns400AndRecordsNothing()
    {
        await using var db = await DbAsync();
        var before = await db.BehaviorEvents.CountAsync();
        var client = Client("en-US");

        var unknownType = await client.PostAsJsonAsync("/api/events", new { path = "/courses", events = new[] { new { type = "Purchase", course = 1 } } });
        var notJson = await client.PostAsync("/api/events", new StringContent("{\"path\":\"/\"}", System.Text.Encoding.UTF8, "text/plain"));
        var broken = await client.PostAsync("/api/events", new StringContent("{\"path\":", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.False(unknownType.Headers.Contains("Set-Cookie"));
        Assert.True(notJson.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, notJson.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(before, await db.BehaviorEvents.CountAsync());
    }

    private HttpClient Client(string language) => app.Factory.CreateBrowserClient(language);

    private async Task<KnowledgeHubDbContext> DbAsync() =>
        await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();

    private static string Html(string text) => HtmlText.Encode(text);
}
