using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeHub.E2E.Journeys;

public sealed class DiscoveryJourneyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Visitor_Searches学习_OpensAResult_SeesTheSyllabus_WatchesAPreview()
    {
        var page = await app.NewPageAsync("zh-CN");
        await Journey.RunAsync(page, nameof(Visitor_Searches学习_OpensAResult_SeesTheSyllabus_WatchesAPreview), async () =>
        {
            await page.GotoAsync("/");
            var box = page.GetByRole(AriaRole.Combobox, new() { Name = "搜索课程" }).Or(page.GetByRole(AriaRole.Textbox, new() { Name = "搜索课程" })).First;
            await box.FillAsync("学习");
            // Type-ahead offers courses while typing.
            await Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
            await box.PressAsync("Enter");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("“学习”的搜索结果");
            var result = page.GetByRole(AriaRole.Link, new() { Name = "机器学习入门" }).First;
            await Expect(page.Locator("mark.kh-mark").First).ToHaveTextAsync("学习");
            await result.ClickAsync();

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("机器学习入门");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "课程大纲" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "试看：" }).First.ClickAsync();

            await Expect(page.GetByText("免费试看").First).ToBeVisibleAsync();
            var video = page.GetByTestId("preview-video");
            await Expect(video).ToBeVisibleAsync();
            // The sample clip loads and has a duration: the browser can actually play it.
            await page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=preview-video]'); return v && v.readyState >= 1 && v.duration > 5; }");

            // Each page reported its view through the beacon, all under the visitor cookie the first beacon set.
            var visitor = (await page.Context.CookiesAsync()).Single(c => c.Name == "kh.vid").Value;
            Assert.Equal([BehaviorEventType.Visit, BehaviorEventType.Search, BehaviorEventType.SearchClick, BehaviorEventType.CourseView, BehaviorEventType.PreviewOpen],
                await EventsOfAsync(visitor, expected: 5));
        });
    }

    /// <summary>The visitor's event types in order, once <paramref name="expected"/> have arrived (beacons are sent asynchronously).</summary>
    private async Task<List<BehaviorEventType>> EventsOfAsync(string visitor, int expected)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync();
            var types = await db.BehaviorEvents.Where(e => e.VisitorId == visitor).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
            if (types.Count >= expected || attempt == 50) return types;
            await Task.Delay(100);
        }
    }
}
