using System.Net;
using KnowledgeHub.Domain.Bundles;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>/bundles/{slug} over HTTP: server-rendered for anonymous visitors, 404 while unpublished; the course page lists it.</summary>
public sealed class BundlePagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string CircuitMarker = "Blazor:{\"type\":\"server\"";

    /// <summary>A bundle of two published courses of the same instructor, made through the service.</summary>
    private async Task<(BundleCreated Bundle, int OwnerId, string[] Titles, string FirstSlug)> CreateBundleAsync(string title, bool publish)
    {
        var factory = app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var courses = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0)
            .GroupBy(c => c.InstructorId).Where(g => g.Count() >= 2).Select(g => g.OrderBy(c => c.Id).Take(2).ToList()).FirstAsync();
        var service = app.Factory.Services.GetRequiredService<BundleService>();
        var price = new Money(Math.Max(100, courses.Sum(c => c.Price.MinorUnits) - 5000), Money.Cny);
        var created = await service.CreateAsync(courses[0].InstructorId, new BundleDraft(title, "两门课一起学，省更多。", price, [.. courses.Select(c => c.Id)]));
        Assert.True(created.IsSuccess, created.Error?.Code);
        if (publish) Assert.True((await service.SetPublishedAsync(courses[0].InstructorId, created.Value!.Id, true)).IsSuccess);
        return (created.Value!, courses[0].InstructorId, [.. courses.Select(c => c.Title)], courses[0].Slug);
    }

    [Fact]
    public async Task BundlePage_Published_RendersForAnonymousVisitorsWithCoursesPricesAndBuyLinks()
    {
        var (bundle, _, titles, firstSlug) = await CreateBundleAsync("Full Stack Bundle", publish: true);
        var client = app.Factory.CreateBrowserClient("en-US");

        var response = await client.GetAsync($"/bundles/{bundle.Slug}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(">Full Stack Bundle</h1>", html);
        foreach (var title in titles) Assert.Contains(HtmlText.Encode(title), html);
        Assert.Contains($"href=\"/checkout?bundle={bundle.Id}\"", html);
        Assert.Contains("data-testid=\"bundle-saving\"", html);
        Assert.Contains("Save ¥50.00", html);
        Assert.Contains("Log in to add to cart", html);                 // the cart island, prerendered for an anonymous visitor
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost/bundles/{bundle.Slug}\"", html);
        Assert.False(response.Headers.Contains("Set-Cookie"));          // cacheable like the other public pages

        var course = await client.GetStringAsync($"/courses/{firstSlug}");
        Assert.Contains("data-testid=\"course-bundles\"", course);
        Assert.Contains($"href=\"/bundles/{bundle.Slug}\"", course);
    }

    [Fact]
    public async Task BundlePage_Unpublished_Answers404()
    {
        var (bundle, _, _, _) = await CreateBundleAsync("Hidden Bundle", publish: false);

        var response = await app.Factory.CreateBrowserClient("en-US").GetAsync($"/bundles/{bundle.Slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Hidden Bundle", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BundlePage_UnknownSlug_Answers404()
    {
        var response = await app.Factory.CreateBrowserClient("zh-CN").GetAsync("/bundles/no-such-bundle");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
