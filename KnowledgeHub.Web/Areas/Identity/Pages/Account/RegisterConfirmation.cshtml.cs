using System.Text;
using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

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
                var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await userManager.GenerateEmailConfirmationTokenAsync(user)));
                ConfirmationLink = Url.Page("/Account/ConfirmEmail", pageHandler: null,
                    values: new { area = "Identity", userId = user.Id, code, returnUrl = ReturnUrl }, protocol: Request.Scheme);
            }
        }
        return Page();
    }
}
