using Microsoft.Playwright;

namespace KnowledgeHub.E2E.Pages;

public sealed class LoginPage(IPage page)
{
    public async Task LogInAsync(string email, string password, bool chinese = false)
    {
        await page.GotoAsync("/Identity/Account/Login");
        await page.GetByLabel(chinese ? "邮箱" : "Email").FillAsync(email);
        await page.GetByLabel(chinese ? "密码" : "Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = chinese ? "登录" : "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login"));
    }
}
