using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KnowledgeHub.Domain.Catalog;

namespace KnowledgeHub.Web.Features.Catalog;

/// <summary>schema.org Course JSON-LD for search engines. System.Text.Json escapes &lt; and &gt;, so the script cannot be broken out of.</summary>
public static class CourseJsonLd
{
    // CJK stays readable; <, >, & and quotes are still escaped as \u003C etc.
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The whole script element (written as markup so the type attribute keeps its literal "+").</summary>
    public static string ScriptTag(CourseDetailModel course, string baseUri) =>
        $"<script type=\"application/ld+json\">{For(course, baseUri)}</script>";

    public static string For(CourseDetailModel course, string baseUri)
    {
        var card = course.Card;
        var url = new Uri(new Uri(baseUri), $"/courses/{card.Slug}").AbsoluteUri;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Course",
            ["name"] = card.Title,
            ["description"] = card.Subtitle,
            ["url"] = url,
            ["inLanguage"] = card.Language,
            ["educationalLevel"] = card.Level.ToString(),
            ["provider"] = new Dictionary<string, object?> { ["@type"] = "Organization", ["name"] = "KnowledgeHub", ["sameAs"] = new Uri(baseUri).GetLeftPart(UriPartial.Authority) },
            ["instructor"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = card.InstructorName },
            ["offers"] = new Dictionary<string, object?>
            {
                ["@type"] = "Offer",
                ["category"] = card.Price.IsZero ? "Free" : "Paid",
                ["price"] = card.Price.Major,
                ["priceCurrency"] = card.Price.Currency,
                ["url"] = url,
            },
            ["hasCourseInstance"] = new Dictionary<string, object?>
            {
                ["@type"] = "CourseInstance",
                ["courseMode"] = "Online",
                ["courseWorkload"] = $"PT{Math.Max(1, card.TotalDurationSeconds / 60)}M",
            },
        };
        if (card.RatingCount > 0)
            data["aggregateRating"] = new Dictionary<string, object?>
            {
                ["@type"] = "AggregateRating",
                ["ratingValue"] = Math.Round(card.RatingAverage, 1),
                ["ratingCount"] = card.RatingCount,
                ["bestRating"] = 5,
            };
        return JsonSerializer.Serialize(data, Options);
    }
}
