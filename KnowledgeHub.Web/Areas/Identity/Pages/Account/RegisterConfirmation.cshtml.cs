using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

/// <summary>
/// "Check your inbox". In development, or with KnowledgeHub:ShowConfirmationLink = true (a demo without mail),
/// the page also shows the confirmation link itself.
/// </summary>
[AllowAnonymous]
public sealed class RegisterConfirmationModel(
    UserManager<ApplicationUser> userManager, IWebHostEnvironment environment, IConfiguration configuration) : PageModel
{
    public const string ShowLinkSetting = "KnowledgeHub:ShowConfirmationLink";

    public string? Email { get; private set; }

    public string? ConfirmationLink { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    /// <summary>TempData key the register page sets: the link is shown once, to the browser that registered.</summary>
    public const string JustRegisteredKey = "kh:just-registered";

    public async Task<IActionResult> OnGetAsync(string? email, string? returnUrl = null)
    {
        if (string.IsNullOrWhiteSpace(email)) return LocalRedirect("~/");
        Email = email;
        ReturnUrl = Url.Safe(returnUrl);

        var justRegistered = TempData[JustRegisteredKey] as string;
        if ((environment.IsDevelopment() || configuration.GetValue<bool>(ShowLinkSetting))
            && string.Equals(justRegistered, email, StringComparison.OrdinalIgnoreCase))
        {
            var user = await userManager.FindByEmailAsync(email);
            if (user is not null && !await userManager.IsEmailConfirmedAsync(user))
            {
                ConfirmationLink = await userManager.EmailConfirmationLinkAsync(Url, Request.Scheme, user, ReturnUrl);
            }
        }
        return Page();
    }
}
