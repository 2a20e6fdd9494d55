using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>The full-text index follows changes made through EF (triggers from the CourseSearchIndex migration).</summary>
public sealed class SearchIndexTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private readonly TestDb testDb = new();
    private readonly CatalogSearchService search;

    public SearchIndexTests() => search = new CatalogSearchService(testDb, new FakeTimeProvider(Now), NullLogger<CatalogSearchService>.Instance);

    public void Dispose() => testDb.Dispose();

    [Fact]
    public async Task SearchAsync_CourseTitleChangedThroughEf_FindsTheNewWordAndNotTheOld()
    {
        var id = await AddCourseAsync("Watercolour Basics", publish: true);
        Assert.Equal(1, await TotalAsync("Watercolour"));

        await using (var db = testDb.CreateDbContext())
        {
            var course = await db.Courses.SingleAsync(c => c.Id == id);
            db.Entry(course).Property(c => c.Title).CurrentValue = "Gouache Painting Basics";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await TotalAsync("Gouache"));
        Assert.Equal(0, await TotalAsync("Watercolour"));
        Assert.Equal("Gouache Painting Basics", (await search.SearchAsync(new CatalogQuery(Text: "水彩"), CancellationToken.None)).Items.Single().Title);
    }

    [Fact]
    public async Task SearchAsync_InstructorRenamed_FindsTheCourseByTheNewName()
    {
        await AddCourseAsync("Watercolour Basics", publish: true);

        await using (var db = testDb.CreateDbContext())
        {
            var instructor = await db.Users.SingleAsync(u => u.Slug == "painter");
            instructor.DisplayName = "欧阳青";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await TotalAsync("欧阳青"));
        Assert.Equal(0, await TotalAsync("Mei Painter"));
    }

    [Fact]
    public async Task SearchAsync_DraftPublishedLater_IsFoundOnlyOncePublished()
    {
        var id = await AddCourseAsync("Watercolour Basics", publish: false);
        Assert.Equal(0, await TotalAsync("Watercolour"));
        Assert.Empty((await search.SuggestAsync("Water", 5, chinese: false, CancellationToken.None)).Courses);

        await using (var db = testDb.CreateDbContext())
        {
            var course = await db.Courses.SingleAsync(c => c.Id == id);
            course.Publish(Now);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await TotalAsync("Watercolour"));
        Assert.Single((await search.SuggestAsync("Water", 5, chinese: false, CancellationToken.None)).Courses);
    }

    [Fact]
    public async Task SearchAsync_CourseDeleted_IsNoLongerFound()
    {
        var id = await AddCourseAsync("Watercolour Basics", publish: true);

        await using (var db = testDb.CreateDbContext())
        {
            await db.Courses.Where(c => c.Id == id).ExecuteDeleteAsync();
        }

        Assert.Equal(0, await TotalAsync("Watercolour"));
        Assert.Equal(0, await TotalAsync("水彩"));
    }

    [Theory]
    [InlineData("教学")] // the last two characters of the title
    [InlineData("学")] // the last character
    [InlineData("Wa")] // the first two
    public async Task SearchAsync_ShortWordAtEitherEndOfAField_IsFound(string text)
    {
        await AddCourseAsync("Watercolour 基础教学", publish: true);

        Assert.Equal(1, await TotalAsync(text));
    }

    [Fact]
    public async Task SearchAsync_TwoCharacterInstructorName_FindsTheirCourse()
    {
        await AddCourseAsync("Watercolour Basics", publish: true);
        await using (var db = testDb.CreateDbContext())
        {
            (await db.Users.SingleAsync(u => u.Slug == "painter")).DisplayName = "陈静";
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await TotalAsync("陈静"));
        Assert.Equal(1, await TotalAsync("静"));
    }

    [Fact]
    public async Task SearchAsync_CharacterFollowedByHundredsOfDifferentOnes_IsStillFound()
    {
        // 学 followed by 300 different characters: too many trigrams for one OR query, so the instance list is read.
        var description = string.Concat(Enumerable.Range(0, 300).Select(i => "学" + (char)('一' + i) + "。"));
        var id = await AddCourseAsync("Watercolour Basics", publish: true, description);

        var page = await search.SearchAsync(new CatalogQuery(Text: "学"), CancellationToken.None);

        Assert.Equal(id, Assert.Single(page.Items).Id);
        Assert.Equal(1, await TotalAsync("学 Watercolour"));
        Assert.Equal(0, await TotalAsync("学 Gouache"));
    }

    [Fact]
    public async Task SearchAsync_PopularityChanged_ReordersOnceTheCacheLifetimeHasPassed()
    {
        var clock = new FakeTimeProvider(Now);
        var cached = new CatalogSearchService(testDb, clock, NullLogger<CatalogSearchService>.Instance);
        var first = await AddCourseAsync("Watercolour Basics", publish: true);
        int second;
        await using (var db = testDb.CreateDbContext())
        {
            var course = new Course("watercolour-2", "Watercolour Landscapes", "", "", (await db.Categories.SingleAsync()).Id,
                (await db.Users.SingleAsync()).Id, Money.Yuan(99), CourseLevel.Beginner, SupportedCultures.English, Now);
            course.AddSection("One").AddLesson("Welcome", LessonKind.Video, 300, isPreview: true);
            course.RefreshTotals();
            course.Publish(Now);
            course.SetEnrollmentCount(10);
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            second = course.Id;
        }
        var query = new CatalogQuery(Sort: CatalogSort.Popular);
        Assert.Equal([second, first], (await cached.SearchAsync(query, CancellationToken.None)).Items.Select(c => c.Id));

        await using (var db = testDb.CreateDbContext())
        {
            (await db.Courses.SingleAsync(c => c.Id == first)).SetEnrollmentCount(50);
            await db.SaveChangesAsync();
        }
        var soon = await cached.SearchAsync(query, CancellationToken.None);
        clock.Advance(CatalogSearchService.CacheLifetime);
        var later = await cached.SearchAsync(query, CancellationToken.None);

        Assert.Equal(50, soon.Items.Single(c => c.Id == first).EnrollmentCount); // cards are always fresh
        Assert.Equal([first, second], later.Items.Select(c => c.Id));
    }

    private async Task<int> TotalAsync(string text) => (await search.SearchAsync(new CatalogQuery(Text: text), CancellationToken.None)).Total;

    private async Task<int> AddCourseAsync(string title, bool publish, string description = "Paint loose, luminous landscapes.")
    {
        await using var db = testDb.CreateDbContext();
        var category = new Category("painting", "绘画", "Painting", 1);
        var instructor = new ApplicationUser { UserName = "painter@example.com", DisplayName = "Mei Painter", Slug = "painter", CreatedUtc = Now };
        db.AddRange(category, instructor);
        await db.SaveChangesAsync();
        var course = new Course("watercolour", title, "水彩入门：从调色到构图", description, category.Id, instructor.Id,
            Money.Yuan(99), CourseLevel.Beginner, SupportedCultures.English, Now.AddDays(-3));
        course.AddSection("Materials").AddLesson("Welcome", LessonKind.Video, 300, isPreview: true);
        course.RefreshTotals();
        if (publish) course.Publish(Now.AddDays(-2));
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        return course.Id;
    }
}
