using System.ComponentModel.DataAnnotations;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> userManager, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int PasswordMinLength => userManager.Options.Password.RequiredLength;

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.EmailInvalid))]
        [Display(Name = nameof(AccountStrings.Email), ResourceType = typeof(AccountStrings))]
        public string Email { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(100, MinimumLength = IdentityPolicy.MinimumPasswordLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordLength))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountStrings.NewPassword), ResourceType = typeof(AccountStrings))]
        public string Password { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordsDoNotMatch))]
        [Display(Name = nameof(AccountStrings.ConfirmNewPassword), ResourceType = typeof(AccountStrings))]
        public string ConfirmPassword { get; set; } = "";

        public string? Code { get; set; }
    }

    public IActionResult OnGet(string? code = null)
    {
        if (code is null) return RedirectToPage("./ForgotPassword");
        if (AccountLinks.DecodeToken(code) is { } token) Input.Code = token;
        else ModelState.AddModelError(string.Empty, localizer["IdentityError.InvalidToken"]);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Input.Code)) ModelState.AddModelError(string.Empty, localizer["IdentityError.InvalidToken"]);
        if (!ModelState.IsValid) return Page();

        // An unknown address ends on the same page as a known one.
        var user = await userManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null) return RedirectToPage("./ResetPasswordConfirmation");

        var result = await userManager.ResetPasswordAsync(user, Input.Code!, Input.Password);
        if (result.Succeeded) return RedirectToPage("./ResetPasswordConfirmation");

        result.AddToModelState(ModelState, localizer, passwordField: "Input.Password");
        return Page();
    }
}
