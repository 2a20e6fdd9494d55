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
public sealed partial class LoginWith2faModel(
    SignInManager<ApplicationUser> signInManager, IStringLocalizer<AccountStrings> localizer, ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool RememberMe { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(7, MinimumLength = 6, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.CodeLength))]
        [DataType(DataType.Text)]
        [Display(Name = nameof(AccountStrings.AuthenticatorCode), ResourceType = typeof(AccountStrings))]
        public string TwoFactorCode { get; set; } = "";

        // Explicit only so that the implicit [Required] of a bool does not bring its English message.
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [Display(Name = nameof(AccountStrings.RememberMachine), ResourceType = typeof(AccountStrings))]
        public bool RememberMachine { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(bool rememberMe, string? returnUrl = null)
    {
        // Only after the password step.
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("./Login", new { returnUrl });
        ReturnUrl = Url.Safe(returnUrl);
        RememberMe = rememberMe;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool rememberMe, string? returnUrl = null)
    {
        ReturnUrl = Url.Safe(returnUrl);
        RememberMe = rememberMe;
        if (!ModelState.IsValid) return Page();
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("./Login", new { returnUrl = ReturnUrl });

        var code = Input.TwoFactorCode.Replace(" ", string.Empty).Replace("-", string.Empty);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, rememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            LogLoggedIn(logger);
            return LocalRedirect(ReturnUrl);
        }
        if (result.IsLockedOut) return RedirectToPage("./Lockout");

        ModelState.AddModelError("Input.TwoFactorCode", localizer["InvalidAuthenticatorCode"]);
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User logged in with an authenticator code")]
    private static partial void LogLoggedIn(ILogger logger);
}
