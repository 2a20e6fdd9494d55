using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

[Authorize]
public sealed partial class GenerateRecoveryCodesModel(
    UserManager<ApplicationUser> userManager, IStringLocalizer<AccountStrings> localizer, ILogger<GenerateRecoveryCodesModel> logger) : PageModel
{
    [TempData]
    public string[]? RecoveryCodes { get; set; }

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
        if (!await userManager.GetTwoFactorEnabledAsync(user)) return RedirectToPage("./TwoFactorAuthentication");

        RecoveryCodes = (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []).ToArray();
        LogGenerated(logger, user.Id);
        StatusMessage = localizer["RecoveryCodesGenerated"];
        return RedirectToPage("./ShowRecoveryCodes");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} generated new 2FA recovery codes")]
    private static partial void LogGenerated(ILogger logger, int userId);
}
