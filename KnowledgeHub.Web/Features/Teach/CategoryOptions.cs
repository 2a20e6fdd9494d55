using System.Globalization;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Web.Infrastructure;

namespace KnowledgeHub.Web.Features.Teach;

/// <summary>The categories a course can be filed under, as select options: "AI" and "AI / Machine learning", in the UI language.</summary>
public static class CategoryOptions
{
    public static async Task<List<(int Id, string Name)>> LoadAsync(CatalogQueries catalog)
    {
        var chinese = CultureInfo.CurrentUICulture.IsChinese();
        string Name(CategoryModel c) => chinese ? c.NameZh : c.NameEn;
        var options = new List<(int Id, string Name)>();
        foreach (var node in await catalog.GetCategoryTreeAsync(CancellationToken.None))
        {
            options.Add((node.Category.Id, Name(node.Category)));
            options.AddRange(node.Children.Select(c => (c.Id, $"{Name(node.Category)} / {Name(c)}")));
        }
        return options;
    }
}
