using System.ComponentModel.DataAnnotations;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Shared key and QR code (inline SVG, drawn on the server), then one code from the app turns 2FA on.</summary>
[Authorize]
public sealed partial class EnableAuthenticatorModel(
    UserManager<ApplicationUser> userManager, IStringLocalizer<AccountStrings> localizer, ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    public string SharedKey { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public string QrCodeSvg { get; private set; } = "";

    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(7, MinimumLength = 6, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.CodeLength))]
        [DataType(DataType.Text)]
        [Display(Name = nameof(AccountStrings.VerificationCode), ResourceType = typeof(AccountStrings))]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        await LoadSharedKeyAndQrCodeAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        if (!ModelState.IsValid)
        {
            await LoadSharedKeyAndQrCodeAsync(user);
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty).Replace("-", string.Empty);
        var valid = await userManager.VerifyTwoFactorTokenAsync(user, userManager.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", localizer["InvalidVerificationCode"]);
            await LoadSharedKeyAndQrCodeAsync(user);
            return Page();
        }

        await userManager.SetTwoFactorEnabledAsync(user, true);
        LogEnabled(logger, user.Id);
        StatusMessage = localizer["AuthenticatorVerified"];

        if (await userManager.CountRecoveryCodesAsync(user) == 0)
        {
            RecoveryCodes = (await userManager.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []).ToArray();
            return RedirectToPage("./ShowRecoveryCodes");
        }
        return RedirectToPage("./TwoFactorAuthentication");
    }

    private async Task LoadSharedKeyAndQrCodeAsync(ApplicationUser user)
    {
        var key = await userManager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await userManager.ResetAuthenticatorKeyAsync(user);
            key = await userManager.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = AuthenticatorQrCode.FormatKey(key);
        AuthenticatorUri = AuthenticatorQrCode.Uri(user.Email ?? user.UserName ?? "", key);
        QrCodeSvg = AuthenticatorQrCode.Svg(AuthenticatorUri);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} enabled two-factor authentication with an authenticator app")]
    private static partial void LogEnabled(ILogger logger, int userId);
}
