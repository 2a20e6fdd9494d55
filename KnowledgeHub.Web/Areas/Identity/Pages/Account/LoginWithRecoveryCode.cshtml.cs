using System.ComponentModel.DataAnnotations;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed partial class LoginWithRecoveryCodeModel(
    SignInManager<ApplicationUser> signInManager, IStringLocalizer<AccountStrings> localizer, ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Text)]
        [Display(Name = nameof(AccountStrings.RecoveryCode), ResourceType = typeof(AccountStrings))]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(string? returnUrl = null)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("./Login", new { returnUrl });
        ReturnUrl = Url.Safe(returnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.Safe(returnUrl);
        if (!ModelState.IsValid) return Page();
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("./Login", new { returnUrl = ReturnUrl });

        var code = Input.RecoveryCode.Replace(" ", string.Empty);
        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            LogLoggedIn(logger);
            return LocalRedirect(ReturnUrl);
        }
        if (result.IsLockedOut) return RedirectToPage("./Lockout");

        ModelState.AddModelError("Input.RecoveryCode", localizer["InvalidRecoveryCode"]);
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User logged in with a recovery code")]
    private static partial void LogLoggedIn(ILogger logger);
}
