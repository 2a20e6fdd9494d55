using KnowledgeHub.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeHub.E2E.Journeys;

public sealed class ReviewJourneyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Learner_EnrolsInAFreeCourse_WritesAReview_SeesTheAverageChange()
    {
        var page = await app.NewPageAsync("zh-CN");
        await Journey.RunAsync(page, nameof(Learner_EnrolsInAFreeCourse_WritesAReview_SeesTheAverageChange), async () =>
        {
            await new LoginPage(page).LogInAsync("learner@knowledgehub.demo", "kh-learn-demo-2026", chinese: true);
            // The demo data follows the clock, so find a free course this learner has not joined yet.
            await page.GotoAsync("/courses?price=Free&sort=Newest");
            var slugs = await page.Locator("[data-testid=course-card] a.kh-card-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            var enrol = page.GetByRole(AriaRole.Button, new() { Name = "免费报名" });
            foreach (var slug in slugs)
            {
                await page.GotoAsync(slug);
                if (await enrol.CountAsync() > 0) break;
            }
            var reviews = page.GetByTestId("review-section");
            var before = await ReviewCountAsync(reviews);
            var averageBefore = before == 0 ? null : await reviews.Locator(".kh-review-average").TextContentAsync();
            await Expect(reviews.GetByTestId("not-enrolled")).ToBeVisibleAsync();

            await Expect(enrol).ToBeEnabledAsync();
            await enrol.ClickAsync();
            var form = page.GetByTestId("review-form");
            await Expect(form).ToBeVisibleAsync(new() { Timeout = 15_000 });   // the page reloads with the form
            var submit = form.GetByRole(AriaRole.Button, new() { Name = "提交评价" });
            await Expect(submit).ToBeEnabledAsync();                           // the island's circuit is up

            await form.Locator(".mud-rating-item").Nth(0).ClickAsync();        // one star: the average must move
            await form.GetByLabel("评价内容（选填）").FillAsync("讲得太快了，<script>alert(1)</script> 希望多一些练习。");
            await submit.ClickAsync();

            var summary = reviews.GetByTestId("review-summary");
            await Expect(summary).ToContainTextAsync($"{before + 1} 条评价");
            var averageAfter = await reviews.Locator(".kh-review-average").TextContentAsync();
            if (averageBefore is null) Assert.Equal("1.0", averageAfter);
            else Assert.True(double.Parse(averageAfter!) < double.Parse(averageBefore), $"{averageBefore} -> {averageAfter}");
            await Expect(reviews.GetByTestId("own-review")).ToContainTextAsync("<script>alert(1)</script>");  // shown as text
        });
    }

    private static async Task<int> ReviewCountAsync(ILocator reviews)
    {
        if (await reviews.GetByTestId("reviews-empty").CountAsync() > 0) return 0;
        var text = await reviews.GetByTestId("review-summary").TextContentAsync() ?? "";
        return int.Parse(System.Text.RegularExpressions.Regex.Match(text, @"(\d+) 条评价").Groups[1].Value);
    }

    [Fact]
    public async Task Learner_ReportsSomeoneElsesReview_ConfirmsInADialog()
    {
        var page = await app.NewPageAsync("zh-CN");
        await Journey.RunAsync(page, nameof(Learner_ReportsSomeoneElsesReview_ConfirmsInADialog), async () =>
        {
            await new LoginPage(page).LogInAsync("learner@knowledgehub.demo", "kh-learn-demo-2026", chinese: true);
            await page.GotoAsync("/courses/home-fitness");
            var first = page.GetByTestId("review").First;
            var report = first.GetByRole(AriaRole.Button, new() { Name = "举报" });
            await Expect(page.GetByTestId("wishlist-toggle")).ToBeEnabledAsync();   // the islands' circuit is up
            await report.ClickAsync();

            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("举报这条评价？");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "举报" }).ClickAsync();

            await Expect(first.GetByText("已举报")).ToBeVisibleAsync();
            await Expect(page.GetByText("感谢反馈，已提交举报。")).ToBeVisibleAsync();    // the snackbar shows on a static page too
        });
    }
}
