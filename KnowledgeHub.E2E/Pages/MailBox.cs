using System.Text;
using System.Text.RegularExpressions;

namespace KnowledgeHub.E2E.Pages;

/// <summary>Reads the .eml files the development mail sender writes into the data folder.</summary>
public static partial class MailBox
{
    public static async Task<string> WaitForLinkAsync(string folder, string recipient, string pathPart, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(folder))
                foreach (var file in Directory.GetFiles(folder, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (!text.Contains($"To: {recipient}", StringComparison.OrdinalIgnoreCase)) continue;
                    var body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split("\r\n"))));
                    var link = Href().Matches(body).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).FirstOrDefault(h => h.Contains(pathPart, StringComparison.OrdinalIgnoreCase));
                    if (link is not null) return link;
                }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No mail to {recipient} with a link to {pathPart} in {folder}.");
    }

    [GeneratedRegex("href=['\"]([^'\"]+)['\"]")]
    private static partial Regex Href();
}
