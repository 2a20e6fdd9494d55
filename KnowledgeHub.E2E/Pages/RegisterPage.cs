using Microsoft.Playwright;

namespace KnowledgeHub.E2E.Pages;

public sealed class RegisterPage(IPage page)
{
    public async Task RegisterAsync(string displayName, string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Register");
        await page.GetByLabel("Display name").FillAsync(displayName);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
    }
}
