using Deque.AxeCore.Playwright;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeHub.E2E.Journeys;

/// <summary>A learner buys two courses with a coupon through the sandbox cashier; a declined card leaves the order open.</summary>
public sealed class PurchaseJourneyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string LearnerEmail = "learner@knowledgehub.demo", LearnerPassword = "kh-learn-demo-2026";

    /// <summary>Slugs of published paid courses the demo learner neither owns nor teaches, cheapest last so two add up past ¥99.</summary>
    private async Task<List<(int Id, string Slug, long Price)>> CoursesToBuyAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var learner = await db.Users.Where(u => u.Email == LearnerEmail).Select(u => u.Id).SingleAsync();
        var rows = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits >= 9900
                && !db.Enrollments.Any(e => e.LearnerId == learner && e.CourseId == c.Id))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Slug, c.Price.MinorUnits }).Take(3).ToListAsync();
        return [.. rows.Select(r => (r.Id, r.Slug, r.MinorUnits))];
    }

    [Fact]
    public async Task Learner_AddsTwoCourses_AppliesACoupon_PaysInTheSandbox_OwnsTheCourses()
    {
        var courses = await CoursesToBuyAsync();
        var (first, second) = (courses[0], courses[1]);
        var page = await app.NewPageAsync("en-US");
        await Journey.RunAsync(page, "Purchase-paid", async () =>
        {
            await new LoginPage(page).LogInAsync(LearnerEmail, LearnerPassword);
            foreach (var course in new[] { first, second })
            {
                await page.GotoAsync("/courses/" + course.Slug);
                await page.GetByTestId("buy-add-to-cart").ClickAsync();
                await Expect(page.GetByTestId("buy-in-cart")).ToBeVisibleAsync();
            }

            await page.GotoAsync("/cart");
            await Expect(page.GetByTestId("cart-line")).ToHaveCountAsync(2);
            await page.GetByTestId("cart-checkout").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/checkout"));
            await Expect(page.GetByTestId("checkout-line")).ToHaveCountAsync(2);

            await page.GetByLabel("Coupon code").FillAsync("WELCOME10");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
            var expected = first.Price + second.Price - (long)Math.Round((first.Price + second.Price) * 0.10m, MidpointRounding.AwayFromZero);
            await Expect(page.GetByTestId("checkout-discount")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("place-order")).ToContainTextAsync(Yuan(expected));
            await AssertAccessibleAsync(page);

            await page.GetByTestId("place-order").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/sandbox/cashier/"));
            await Expect(page.GetByTestId("sandbox-amount")).ToContainTextAsync(Yuan(expected));
            await AssertAccessibleAsync(page);
            await page.GetByTestId("sandbox-pay").ClickAsync();

            await page.WaitForURLAsync(url => url.Contains("/orders/KH"));
            await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", "Paid", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("order-course-link")).ToHaveCountAsync(2);
            await AssertAccessibleAsync(page);

            await page.GotoAsync("/orders");
            await Expect(page.GetByTestId("order-status").First).ToHaveAttributeAsync("data-status", "Paid");
            await page.GotoAsync("/courses/" + first.Slug);
            await Expect(page.GetByTestId("buy-owned")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Learner_PaysWithADecliningCard_OrderStaysOpenWithTheReason()
    {
        var course = (await CoursesToBuyAsync())[2];
        var page = await app.NewPageAsync("en-US");
        await Journey.RunAsync(page, "Purchase-declined", async () =>
        {
            await new LoginPage(page).LogInAsync(LearnerEmail, LearnerPassword);
            await page.GotoAsync("/courses/" + course.Slug);
            await page.GetByTestId("buy-now").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/checkout"));
            await page.GetByTestId("place-order").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/sandbox/cashier/"));
            var orderNumber = (await page.GetByTestId("sandbox-order").InnerTextAsync()).Trim();

            await page.GetByLabel("Card number").FillAsync("4000 0000 0000 0002");
            await page.GetByTestId("sandbox-pay").ClickAsync();
            await Expect(page.GetByTestId("sandbox-error")).ToContainTextAsync("declined");

            await page.GotoAsync("/orders/" + orderNumber);
            await Expect(page.GetByTestId("order-last-error")).ToContainTextAsync("declined", new() { Timeout = 15_000 });
            await Expect(page.GetByTestId("order-status")).ToHaveAttributeAsync("data-status", nameof(OrderStatus.PendingPayment));
            await Expect(page.GetByTestId("order-pay-now")).ToBeVisibleAsync();
        });
    }

    /// <summary>No serious or critical axe violation on the page as it is now.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes, e.g. {v.Nodes.FirstOrDefault()?.Html})")));
    }

    private static string Yuan(long fen) => "¥" + (fen / 100m).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture);
}
