using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Analytics;

namespace KnowledgeHub.Tests.Support;

/// <summary>Does over HTTP what app.js does after a page loads: posts the page's data-kh-event declarations to /api/events.</summary>
public static partial class PageBeacons
{
    public static IReadOnlyList<PageEvent> Declared(string html) =>
        DataKhEvent().Matches(html).Select(m => JsonSerializer.Deserialize<PageEvent>(WebUtility.HtmlDecode(m.Groups[1].Value), JsonSerializerOptions.Web)!).ToList();

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, string pathAndQuery, string html, string? referrer = null) =>
        await client.PostAsJsonAsync("/api/events", new PageBeacon(pathAndQuery, referrer, Declared(html)), JsonSerializerOptions.Web);

    [GeneratedRegex("data-kh-event=\"([^\"]*)\"")]
    private static partial Regex DataKhEvent();
}
