using KnowledgeHub.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeHub.E2E.Journeys;

public sealed class AccountJourneyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task NewLearner_RegistersConfirmsLogsInSwitchesLanguageAndLogsOut()
    {
        var page = await app.NewPageAsync("en-US");
        await Journey.RunAsync(page, nameof(NewLearner_RegistersConfirmsLogsInSwitchesLanguageAndLogsOut), async () =>
        {
            var email = $"mei.lin.{Guid.NewGuid():N}"[..20] + "@example.cn";
            const string password = "tea by the west lake";

            await new RegisterPage(page).RegisterAsync("Lin Mei", email, password);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("RegisterConfirmation"));

            // The development mail sender wrote the confirmation mail into the data folder.
            var link = await MailBox.WaitForLinkAsync(app.MailFolder, email, "ConfirmEmail", TimeSpan.FromSeconds(15));
            await page.GotoAsync(link);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Confirm");
            await Expect(page.GetByRole(AriaRole.Status).Or(page.GetByRole(AriaRole.Alert)).First).ToContainTextAsync("Thank you");

            await new LoginPage(page).LogInAsync(email, password);
            await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");
            var shell = new AppShell(page);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Learn skills that pay off");

            await shell.LanguageButton("中文").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("学有所成，知识有价");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

            // The home page is static (no circuit): log-out is a plain form button in the app bar.
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "登录", Exact = true })).ToBeVisibleAsync();
            // The language choice outlives the session.
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        });
    }

    [Fact]
    public async Task DemoAdmin_LogsIn_SeesTheAdminDashboardWithCounts()
    {
        var page = await app.NewPageAsync("en-US");
        await Journey.RunAsync(page, nameof(DemoAdmin_LogsIn_SeesTheAdminDashboardWithCounts), async () =>
        {
            await new LoginPage(page).LogInAsync("admin@knowledgehub.demo", "kh-admin-demo-2026");
            await Expect(page).ToHaveURLAsync(app.BaseUrl + "/");

            await page.GotoAsync("/admin");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Admin dashboard");
            var users = page.GetByRole(AriaRole.Group, new() { Name = "Users" }).GetByTestId("kpi-value");
            await Expect(users).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^3\d\d$"));
            await Expect(page.Locator(".mud-chart svg, svg.mud-chart-line").First).ToBeVisibleAsync();

            // /admin is interactive: the account menu opens in place and logs out.
            var shell = new AppShell(page);
            await shell.WaitForInteractiveAsync();
            await shell.OpenAccountMenuAsync("Account menu");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        });
    }
}
