using System.Globalization;
using System.Text;
using System.Xml;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace KnowledgeHub.Web.Endpoints;

/// <summary>What search engines and the search box need: /sitemap.xml, /robots.txt and type-ahead suggestions.</summary>
public static class DiscoveryEndpoints
{
    public const string SuggestRateLimit = "suggest";

    public static void MapDiscoveryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", async (HttpContext http, CatalogQueries catalog, CancellationToken ct) =>
        {
            var site = $"{http.Request.Scheme}://{http.Request.Host}";
            var map = await catalog.GetSitemapAsync(ct);
            var buffer = new StringBuilder();
            using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, Async = true }))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                void Url(string path, DateTime? modified = null)
                {
                    xml.WriteStartElement("url");
                    xml.WriteElementString("loc", site + path);
                    if (modified is { } m) xml.WriteElementString("lastmod", m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    xml.WriteEndElement();
                }
                Url("/");
                Url("/courses");
                foreach (var (slug, updated) in map.Courses) Url($"/courses/{Uri.EscapeDataString(slug)}", updated);
                foreach (var slug in map.Categories) Url($"/courses/c/{Uri.EscapeDataString(slug)}");
                foreach (var slug in map.Instructors) Url($"/instructors/{Uri.EscapeDataString(slug)}");
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }
            return Results.Text(buffer.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/xml; charset=utf-8");
        }).AllowAnonymous();

        app.MapGet("/robots.txt", (HttpContext http) =>
            Results.Text($"""
                User-agent: *
                Allow: /
                Disallow: /teach
                Disallow: /admin
                Disallow: /account
                Disallow: /Identity
                Disallow: /culture
                Disallow: /theme
                Disallow: /api
                Sitemap: {http.Request.Scheme}://{http.Request.Host}/sitemap.xml

                """, "text/plain; charset=utf-8")).AllowAnonymous();

        // GET /api/search/suggest?q=学: courses, categories and instructors for the search box (JSON, no circuit).
        app.MapGet("/api/search/suggest", async (string? q, CatalogSearchService search, CancellationToken ct) =>
        {
            var text = (q ?? "").Trim();
            if (text.Length == 0 || text.Length > CatalogQuery.MaxTextLength) return Results.Ok(new SearchSuggestions([], [], []));
            return Results.Ok(await search.SuggestAsync(text, 5, CultureInfo.CurrentUICulture.IsChinese(), ct));
        }).AllowAnonymous().RequireRateLimiting(SuggestRateLimit);
    }
}
