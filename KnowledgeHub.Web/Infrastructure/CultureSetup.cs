using System.Globalization;
using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Localization;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>
/// Culture per request: the signed-in user's profile, else the switcher's cookie, else Accept-Language
/// (any zh variant → zh-CN, anything else → en-US).
/// </summary>
public static class CultureSetup
{
    public const string CultureClaim = "kh:culture";
    public static readonly CultureInfo[] Cultures = SupportedCultures.All.Select(c => new CultureInfo(c)).ToArray();

    public static RequestLocalizationOptions CreateOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(SupportedCultures.English),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            ApplyCurrentCultureToResponseHeaders = true,
        };
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context => Task.FromResult(FromProfile(context))),
            new CookieRequestCultureProvider(),
            new CustomRequestCultureProvider(context => Task.FromResult(FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString()))),
        ];
        return options;
    }

    private static ProviderCultureResult? FromProfile(HttpContext context) =>
        context.User.FindFirst(CultureClaim)?.Value is { } culture && SupportedCultures.IsSupported(culture)
            ? new ProviderCultureResult(culture) : null;

    /// <summary>The first language in the header we can serve; zh, zh-TW, zh-Hans… all read as zh-CN.</summary>
    public static ProviderCultureResult? FromAcceptLanguage(string header)
    {
        var ranked = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, index) =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var q = pieces.Skip(1).FirstOrDefault(p => p.StartsWith("q=", StringComparison.Ordinal)) is { } qs
                        && double.TryParse(qs[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 1.0;
                return (Tag: pieces[0].ToLowerInvariant(), Q: q, Index: index);
            })
            .Where(x => x.Q > 0)
            .OrderByDescending(x => x.Q).ThenBy(x => x.Index);
        foreach (var (tag, _, _) in ranked)
        {
            if (tag.StartsWith("zh", StringComparison.Ordinal)) return new ProviderCultureResult(SupportedCultures.Chinese);
            if (tag.StartsWith("en", StringComparison.Ordinal)) return new ProviderCultureResult(SupportedCultures.English);
        }
        return null;
    }

    public static bool IsChinese(this CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
}
