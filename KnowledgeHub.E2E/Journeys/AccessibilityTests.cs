using Deque.AxeCore.Playwright;

namespace KnowledgeHub.E2E.Journeys;

public sealed class AccessibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public async Task HomePage_AxeScan_HasNoSeriousOrCriticalViolations(string locale)
    {
        var page = await app.NewPageAsync(locale);
        await Journey.RunAsync(page, $"{nameof(HomePage_AxeScan_HasNoSeriousOrCriticalViolations)}-{locale}", async () =>
        {
            await page.GotoAsync("/");
            await page.WaitForSelectorAsync("[data-testid=course-card]");
            var result = await page.RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})")));
        });
    }
}
