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
            await page.GotoAsync("/courses/git-github-essentials");
            var reviews = page.GetByTestId("review-section");
            await Expect(reviews.GetByTestId("reviews-empty")).ToBeVisibleAsync();
            await Expect(reviews.GetByTestId("not-enrolled")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "免费报名" }).ClickAsync();
            var form = page.GetByTestId("review-form");
            await Expect(form).ToBeVisibleAsync(new() { Timeout = 15_000 });   // the page reloads with the form
            var submit = form.GetByRole(AriaRole.Button, new() { Name = "提交评价" });
            await Expect(submit).ToBeEnabledAsync();                           // the island's circuit is up

            await form.Locator(".mud-rating-item").Nth(1).ClickAsync();        // two stars
            await form.GetByLabel("评价内容（选填）").FillAsync("讲得太快了，<script>alert(1)</script> 希望多一些练习。");
            await submit.ClickAsync();

            var summary = reviews.GetByTestId("review-summary");
            await Expect(summary).ToContainTextAsync("2.0");
            await Expect(summary).ToContainTextAsync("1 条评价");
            await Expect(reviews.GetByTestId("own-review")).ToContainTextAsync("<script>alert(1)</script>");  // shown as text
        });
    }
}
