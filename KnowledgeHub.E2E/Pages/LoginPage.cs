using Microsoft.Playwright;

namespace KnowledgeHub.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task LogInAsync(string email, string password)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }
}
