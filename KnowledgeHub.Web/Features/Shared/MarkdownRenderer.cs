using Ganss.Xss;
using Markdig;

namespace KnowledgeHub.Web.Features.Shared;

/// <summary>User Markdown to safe HTML: Markdig, then HtmlSanitizer. Raw HTML in the source is escaped.</summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly HtmlSanitizer sanitizer = new();

    public string ToSafeHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : sanitizer.Sanitize(Markdown.ToHtml(markdown, pipeline));
}
