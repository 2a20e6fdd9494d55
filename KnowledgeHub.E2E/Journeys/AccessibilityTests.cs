using Deque.AxeCore.Playwright;

namespace KnowledgeHub.E2E.Journeys;

public sealed class AccessibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("zh-CN", "/")]
    [InlineData("en-US", "/")]
    [InlineData("zh-CN", "/courses?q=%E5%AD%A6%E4%B9%A0&level=Beginner")]
    [InlineData("en-US", "/courses/c/programming")]
    [InlineData("zh-CN", "/courses/machine-learning-intro")]
    [InlineData("zh-CN", "/bundles/python-data-pack")]
    public async Task PublicPage_AxeScan_HasNoSeriousOrCriticalViolations(string locale, string path)
    {
        var page = await app.NewPageAsync(locale);
        await Journey.RunAsync(page, $"axe-{locale}-{path.Trim('/').Replace('/', '_').Split('?')[0]}", async () =>
        {
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("h1");
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})")));
        });
    }
}
