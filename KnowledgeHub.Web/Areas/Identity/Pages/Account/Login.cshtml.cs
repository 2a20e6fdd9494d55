using System.ComponentModel.DataAnnotations;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed partial class LoginModel(
    SignInManager<ApplicationUser> signInManager, IStringLocalizer<AccountStrings> localizer, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>The password was right but the address is not confirmed yet: offer to send the mail again.</summary>
    public bool NeedsConfirmation { get; private set; }

    [TempData]
    public string? ErrorMessage { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.EmailInvalid))]
        [Display(Name = nameof(AccountStrings.Email), ResourceType = typeof(AccountStrings))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountStrings.Password), ResourceType = typeof(AccountStrings))]
        public string Password { get; set; } = "";

        // Explicit only so that the implicit [Required] of a bool does not bring its English message.
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [Display(Name = nameof(AccountStrings.RememberMe), ResourceType = typeof(AccountStrings))]
        public bool RememberMe { get; set; }
    }

    public async Task OnGetAsync(string? returnUrl = null)
    {
        if (!string.IsNullOrEmpty(ErrorMessage)) ModelState.AddModelError(string.Empty, ErrorMessage);
        ReturnUrl = Url.Safe(returnUrl);
        // A clean start: no half-finished external sign-in.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.Safe(returnUrl);
        if (!ModelState.IsValid) return Page();

        // lockoutOnFailure: every wrong password counts; the 5th locks the account for 5 minutes.
        var result = await signInManager.PasswordSignInAsync(Input.Email, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            LogLoggedIn(logger);
            return LocalRedirect(ReturnUrl);
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("./LoginWith2fa", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
        if (result.IsLockedOut)
        {
            LogLockedOut(logger);
            return RedirectToPage("./Lockout");
        }
        if (result.IsNotAllowed && await NotAllowedAsync() is { } notAllowed) return notAllowed;

        ModelState.AddModelError(string.Empty, localizer["LoginInvalid"]);
        return Page();
    }

    /// <summary>
    /// Identity refuses an unconfirmed account before it looks at the password, and without counting the attempt.
    /// Say "confirm your address" only to someone who knows the password; anyone else gets the usual answer and
    /// the attempt counts toward lockout, so the page neither reveals accounts nor allows unlimited guessing.
    /// </summary>
    private async Task<IActionResult?> NotAllowedAsync()
    {
        var users = signInManager.UserManager;
        var user = await users.FindByEmailAsync(Input.Email);
        if (user is null) return null;
        if (await users.IsLockedOutAsync(user)) return RedirectToPage("./Lockout");
        if (await users.CheckPasswordAsync(user, Input.Password))
        {
            if (!await users.IsEmailConfirmedAsync(user))
            {
                NeedsConfirmation = true;
                return Page();
            }
            return null;
        }
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? RedirectToPage("./Lockout") : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User logged in")]
    private static partial void LogLoggedIn(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User account locked out")]
    private static partial void LogLockedOut(ILogger logger);
}
