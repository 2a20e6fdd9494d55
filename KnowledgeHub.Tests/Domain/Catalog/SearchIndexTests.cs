using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>The full-text index follows changes made through EF (triggers from the CourseSearchIndex migration).</summary>
public sealed class SearchIndexTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private readonly TestDb testDb = new();
    private readonly CatalogSearchService search;

    public SearchIndexTests() => search = new CatalogSearchService(testDb, new FakeTimeProvider(Now));

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

    private async Task<int> TotalAsync(string text) => (await search.SearchAsync(new CatalogQuery(Text: text), CancellationToken.None)).Total;

    private async Task<int> AddCourseAsync(string title, bool publish)
    {
        await using var db = testDb.CreateDbContext();
        var category = new Category("painting", "绘画", "Painting", 1);
        var instructor = new ApplicationUser { UserName = "painter@example.com", DisplayName = "Mei Painter", Slug = "painter", CreatedUtc = Now };
        db.AddRange(category, instructor);
        await db.SaveChangesAsync();
        var course = new Course("watercolour", title, "水彩入门：从调色到构图", "Paint loose, luminous landscapes.", category.Id, instructor.Id,
            Money.Yuan(99), CourseLevel.Beginner, SupportedCultures.English, Now.AddDays(-3));
        course.AddSection("Materials").AddLesson("Welcome", LessonKind.Video, 300, isPreview: true);
        course.RefreshTotals();
        if (publish) course.Publish(Now.AddDays(-2));
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        return course.Id;
    }
}
