using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

[Authorize]
public sealed class TwoFactorAuthenticationModel(
    UserManager<ApplicationUser> userManager, SignInManager<ApplicationUser> signInManager, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    public bool HasAuthenticator { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool Is2faEnabled { get; private set; }

    public bool IsMachineRemembered { get; private set; }

    /// <summary>False only when a cookie-consent feature says the user has not agreed to cookies (2FA needs them).</summary>
    public bool CanTrack { get; private set; } = true;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        HasAuthenticator = await userManager.GetAuthenticatorKeyAsync(user) is not null;
        Is2faEnabled = await userManager.GetTwoFactorEnabledAsync(user);
        IsMachineRemembered = await signInManager.IsTwoFactorClientRememberedAsync(user);
        RecoveryCodesLeft = await userManager.CountRecoveryCodesAsync(user);
        CanTrack = HttpContext.Features.Get<ITrackingConsentFeature>()?.CanTrack ?? true;
        return Page();
    }

    /// <summary>Forget this browser: the next log-in here asks for a code again.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is null) return NotFound();
        await signInManager.ForgetTwoFactorClientAsync();
        StatusMessage = localizer["BrowserForgotten"];
        return RedirectToPage();
    }
}
