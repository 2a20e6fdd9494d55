namespace KnowledgeHub.Domain.Catalog;

/// <summary>A catalogue category; two levels (a top category and its children).</summary>
public sealed class Category
{
    private Category() { }

    public Category(string slug, string nameZh, string nameEn, int sortOrder, int? parentId = null, string icon = "")
    {
        Slug = slug;
        NameZh = nameZh;
        NameEn = nameEn;
        SortOrder = sortOrder;
        ParentId = parentId;
        Icon = icon;
    }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string NameZh { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    /// <summary>A Material icon name for menus.</summary>
    public string Icon { get; private set; } = "";
    public int SortOrder { get; private set; }
    public int? ParentId { get; private set; }
    public Category? Parent { get; private set; }

    public string Name(bool chinese) => chinese ? NameZh : NameEn;
}
