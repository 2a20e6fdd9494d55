using Microsoft.Playwright;

namespace KnowledgeHub.E2E;

public static class Journey
{
    private static readonly string ArtifactFolder = Path.Combine(FindRepositoryRoot(), "test-artifacts");

    /// <summary>Runs a journey; on failure keeps a full-page screenshot in test-artifacts/ and rethrows.</summary>
    public static async Task RunAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            Directory.CreateDirectory(ArtifactFolder);
            var file = Path.Combine(ArtifactFolder, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            try { await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true }); } catch (PlaywrightException) { }
            Console.Error.WriteLine($"Screenshot of the failed journey: {file}");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}
