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
public sealed class ResendEmailConfirmationModel(
    UserManager<ApplicationUser> userManager, IEmailSender emailSender, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Shown after every request, whether or not the address has an account: nothing to learn from it.</summary>
    public bool Sent { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [EmailAddress(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.EmailInvalid))]
        [Display(Name = nameof(AccountStrings.Email), ResourceType = typeof(AccountStrings))]
        public string Email { get; set; } = "";
    }

    public void OnGet(string? email = null) => Input.Email = email ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await userManager.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && !await userManager.IsEmailConfirmedAsync(user))
        {
            var link = await userManager.EmailConfirmationLinkAsync(Url, Request.Scheme, user);
            await emailSender.SendConfirmationAsync(localizer, user, link);
        }
        Sent = true;
        return Page();
    }
}
