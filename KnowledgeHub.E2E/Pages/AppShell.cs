using Microsoft.Playwright;

namespace KnowledgeHub.E2E.Pages;

/// <summary>The app bar every Blazor page shares.</summary>
public sealed class AppShell(IPage page)
{
    public ILocator LanguageButton(string label) => page.GetByRole(AriaRole.Navigation, new() { Name = "Language" })
        .Or(page.GetByRole(AriaRole.Navigation, new() { Name = "语言" })).GetByRole(AriaRole.Link, new() { Name = label, Exact = true });

    /// <summary>Waits until the interactive circuit is up, so clicks reach .NET event handlers.</summary>
    public Task WaitForInteractiveAsync() => page.Locator("body[data-interactive=true]").WaitForAsync();

    /// <summary>Opens the account menu from its button in the app bar.</summary>
    public async Task OpenAccountMenuAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = name }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
    }
}
