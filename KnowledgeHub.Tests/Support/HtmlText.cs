using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace KnowledgeHub.Tests.Support;

/// <summary>Text as the app writes it into HTML: CJK as is; &amp;, &lt;, + and quotes escaped.</summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
