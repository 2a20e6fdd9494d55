namespace KnowledgeHub.Domain.Catalog;

/// <summary>The generated cover of a course without an uploaded image: two colours and a Material icon name ("from,to,icon").</summary>
public static class CoverArt
{
    private static readonly (string From, string To)[] Palettes =
    [
        ("#1E3C72", "#2A5298"), ("#11998E", "#38EF7D"), ("#FC5C7D", "#6A82FB"), ("#F7971E", "#FFD200"),
        ("#8E2DE2", "#4A00E0"), ("#00B4DB", "#0083B0"), ("#EE0979", "#FF6A00"), ("#134E5E", "#71B280"),
        ("#614385", "#516395"), ("#DA4453", "#89216B"), ("#02AAB0", "#00CDAC"), ("#3A1C71", "#D76D77"),
    ];

    /// <summary>A palette chosen by the slug (stable for a course) and the category's icon.</summary>
    public static string For(string slug, string icon)
    {
        var hash = 0;
        foreach (var c in slug) hash = unchecked(hash * 31 + c);
        var (from, to) = Palettes[(int)((uint)hash % (uint)Palettes.Length)];
        return $"{from},{to},{(string.IsNullOrWhiteSpace(icon) ? "School" : icon)}";
    }
}
