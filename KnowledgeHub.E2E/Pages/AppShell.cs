using Microsoft.Playwright;

namespace KnowledgeHub.E2E.Pages;

/// <summary>The app bar every Blazor page shares.</summary>
public sealed class AppShell(IPage page)
{
    public ILocator LanguageButton(string label) => page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true });

    /// <summary>Waits until the interactive circuit is up, so clicks reach .NET event handlers.</summary>
    public Task WaitForInteractiveAsync() =>
        page.WaitForFunctionAsync("() => window.Blazor && document.querySelector('.mud-appbar') && window.Blazor._internal && window.Blazor._internal.navigationManager");

    public async Task OpenAccountMenuAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "账户菜单" }).Or(page.GetByRole(AriaRole.Button, new() { Name = "Account menu" })).First.ClickAsync();
    }
}
