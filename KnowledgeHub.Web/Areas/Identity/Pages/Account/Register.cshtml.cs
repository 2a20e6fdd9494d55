using System.ComponentModel.DataAnnotations;
using System.Globalization;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed partial class RegisterModel(
    UserManager<ApplicationUser> userManager,
    IEmailSender emailSender,
    TimeProvider clock,
    IStringLocalizer<AccountStrings> localizer,
    ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public int PasswordMinLength => userManager.Options.Password.RequiredLength;

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(ApplicationUser.DisplayNameMaxLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.TooLong))]
        [Display(Name = nameof(AccountStrings.DisplayName), ResourceType = typeof(AccountStrings))]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.EmailInvalid))]
        [StringLength(256, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.TooLong))]
        [Display(Name = nameof(AccountStrings.Email), ResourceType = typeof(AccountStrings))]
        public string Email { get; set; } = "";

        // Identity checks again (IdentityPolicy) and refuses common passwords (CommonPasswordValidator).
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(100, MinimumLength = IdentityPolicy.MinimumPasswordLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordLength))]
        [DataType(DataType.Password)]
        [Display(Name = nameof(AccountStrings.Password), ResourceType = typeof(AccountStrings))]
        public string Password { get; set; } = "";

        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.PasswordsDoNotMatch))]
        [Display(Name = nameof(AccountStrings.ConfirmPassword), ResourceType = typeof(AccountStrings))]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? returnUrl = null) => ReturnUrl = Url.Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        ReturnUrl = Url.Safe(returnUrl);
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            PreferredCulture = SupportedCultures.IsSupported(CultureInfo.CurrentUICulture.Name) ? CultureInfo.CurrentUICulture.Name : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await userManager.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            created.AddToModelState(ModelState, localizer, emailField: "Input.Email", passwordField: "Input.Password");
            return Page();
        }

        var role = await userManager.AddToRoleAsync(user, Roles.Learner);
        if (!role.Succeeded)
        {
            // Every account is a Learner: no half-made account stays behind.
            await userManager.DeleteAsync(user);
            role.AddToModelState(ModelState, localizer);
            return Page();
        }
        LogCreated(logger, user.Id);

        var link = await userManager.EmailConfirmationLinkAsync(Url, Request.Scheme, user, ReturnUrl);
        await emailSender.SendConfirmationAsync(localizer, user, link);

        // Only the browser that just registered may see the development confirmation link (not anyone passing ?email=).
        TempData[RegisterConfirmationModel.JustRegisteredKey] = email;
        return RedirectToPage("./RegisterConfirmation", new { email, returnUrl = ReturnUrl });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} created an account")]
    private static partial void LogCreated(ILogger logger, int userId);
}
