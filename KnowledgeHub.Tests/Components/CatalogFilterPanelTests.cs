using Bunit;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Catalog;

namespace KnowledgeHub.Tests.Components;

public sealed class CatalogFilterPanelTests : MudBunitContext
{
    private static readonly IReadOnlyList<CategoryNode> Tree =
    [
        new(new CategoryModel(1, "programming", "编程开发", "Programming", "Code", null, 14),
            [new CategoryModel(11, "python", "Python", "Python", "Code", 1, 5), new CategoryModel(12, "web", "前端 Web", "Web", "Web", 1, 0)]),
        new(new CategoryModel(2, "design", "设计创意", "Design", "Brush", null, 7), [new CategoryModel(21, "ui", "UI 设计", "UI design", "Brush", 2, 7)]),
    ];

    [Fact]
    public void Render_ChildCategorySelected_OpensItsParentAndMarksIt()
    {
        UseCulture("zh-CN");
        var cut = Render<CatalogFilterPanel>(p => p.Add(c => c.Query, new CatalogQuery(CategorySlug: "python")).Add(c => c.Categories, Tree));

        var current = cut.FindAll("a[aria-current=true]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(current, t => t.StartsWith("Python"));
        Assert.Contains(cut.FindAll("a"), a => a.TextContent.Contains("编程开发") && a.GetAttribute("href") == "/courses/c/programming");
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent.Contains("前端 Web"));   // an empty sub-category is not offered
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent.Contains("UI 设计"));    // the other top category stays closed
    }

    [Fact]
    public void Render_WithSearchAndSort_LinksKeepTheOtherFiltersAndGoBackToPageOne()
    {
        UseCulture("en-US");
        var query = new CatalogQuery(Text: "python", Sort: CatalogSort.Newest, Page: 3, Price: PriceBand.Free);
        var cut = Render<CatalogFilterPanel>(p => p.Add(c => c.Query, query).Add(c => c.Categories, Tree));

        var beginner = cut.FindAll("a").Single(a => a.TextContent.Trim() == "Beginner");
        Assert.Equal("/courses?q=python&level=Beginner&price=Free&sort=Newest", beginner.GetAttribute("href"));
        var allPrices = cut.FindAll("section").Single(s => s.QuerySelector("h2")!.TextContent == "Price").QuerySelectorAll("a").First();
        Assert.Equal("/courses?q=python&sort=Newest", allPrices.GetAttribute("href"));
        Assert.Equal("true", cut.FindAll("a").Single(a => a.TextContent.Trim() == "Free").GetAttribute("aria-current"));
    }

    [Fact]
    public void Render_RatingOptions_ShowLocalizedThresholds()
    {
        UseCulture("zh-CN");
        var cut = Render<CatalogFilterPanel>(p => p.Add(c => c.Query, new CatalogQuery(MinRating: 4.0)).Add(c => c.Categories, Tree));

        var rating = cut.FindAll("a").Single(a => a.GetAttribute("aria-current") == "true" && a.TextContent.Contains("分及以上"));
        Assert.Equal("4.0 分及以上", rating.TextContent.Trim());
        Assert.Equal("/courses?rating=4", rating.GetAttribute("href"));
    }
}
