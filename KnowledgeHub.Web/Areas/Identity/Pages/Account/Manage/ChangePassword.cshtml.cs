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

[Authorize]
public sealed partial class ChangePasswordModel(
    UserManager<ApplicationUser> userManager,
    SignInManager<ApplicationUser> signInManager,
    IStringLocalizer<AccountStrings> localizer,
    ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public int PasswordMinLength => userManager.Options.Password.RequiredLength;

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountStrings.CurrentPassword), ResourceType = typeof(AccountStrings))]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(100, MinimumLength = IdentityPolicy.MinimumPasswordLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordLength))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountStrings.NewPassword), ResourceType = typeof(AccountStrings))]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordsDoNotMatch))]
        [Display(Name = nameof(AccountStrings.ConfirmNewPassword), ResourceType = typeof(AccountStrings))]
        public string ConfirmPassword { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        // Accounts without a password (none yet; external log-ins later) set one instead: the default UI's page.
        if (!await userManager.HasPasswordAsync(user)) return RedirectToPage("./SetPassword");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();

        var result = await userManager.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            result.AddToModelState(ModelState, localizer, passwordField: "Input.NewPassword", currentPasswordField: "Input.OldPassword");
            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        LogChanged(logger, user.Id);
        StatusMessage = localizer["PasswordChanged"];
        return RedirectToPage();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} changed their password")]
    private static partial void LogChanged(ILogger logger, int userId);
}
