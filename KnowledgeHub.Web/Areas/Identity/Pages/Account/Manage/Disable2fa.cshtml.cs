using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

[Authorize]
public sealed partial class Disable2faModel(
    UserManager<ApplicationUser> userManager, IStringLocalizer<AccountStrings> localizer, ILogger<Disable2faModel> logger) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        if (!await userManager.GetTwoFactorEnabledAsync(user)) return RedirectToPage("./TwoFactorAuthentication");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        var result = await userManager.SetTwoFactorEnabledAsync(user, false);
        if (!result.Succeeded) throw new InvalidOperationException($"Unexpected error disabling 2FA for user {user.Id}.");
        LogDisabled(logger, user.Id);
        StatusMessage = localizer["TwoFactorDisabled"];
        return RedirectToPage("./TwoFactorAuthentication");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} disabled two-factor authentication")]
    private static partial void LogDisabled(ILogger logger, int userId);
}
