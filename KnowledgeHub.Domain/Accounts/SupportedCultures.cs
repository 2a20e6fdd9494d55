namespace KnowledgeHub.Domain.Accounts;

public static class SupportedCultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";
    public static readonly string[] All = [Chinese, English];

    public static bool IsSupported(string? culture) => culture is not null && All.Contains(culture, StringComparer.OrdinalIgnoreCase);
}
