using System.ComponentModel.DataAnnotations;
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
public sealed class ForgotPasswordModel(
    UserManager<ApplicationUser> userManager, IEmailSender emailSender, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.EmailInvalid))]
        [Display(Name = nameof(AccountStrings.Email), ResourceType = typeof(AccountStrings))]
        public string Email { get; set; } = "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        // Unknown and unconfirmed addresses get the same confirmation page and no mail: nothing to learn from it.
        var user = await userManager.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && await userManager.IsEmailConfirmedAsync(user))
        {
            var link = await userManager.PasswordResetLinkAsync(Url, Request.Scheme, user);
            await emailSender.SendPasswordResetAsync(localizer, user, link);
        }
        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
