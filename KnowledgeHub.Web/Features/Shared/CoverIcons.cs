using System.Reflection;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Shared;

/// <summary>Looks up a Material icon by name (e.g. "Code") for category and cover art.</summary>
public static class CoverIcons
{
    private static readonly Dictionary<string, string> Filled = typeof(Icons.Material.Filled)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(string))
        .ToDictionary(f => f.Name, f => (string)f.GetValue(null)!, StringComparer.Ordinal);

    public static string Get(string? name) =>
        name is not null && Filled.TryGetValue(name, out var svg) ? svg : Icons.Material.Filled.School;
}
