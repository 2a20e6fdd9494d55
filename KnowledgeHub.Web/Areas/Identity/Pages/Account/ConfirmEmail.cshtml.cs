using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> userManager) : PageModel
{
    public bool Confirmed { get; private set; }

    public string ReturnUrl { get; private set; } = "/";

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, string? returnUrl = null)
    {
        if (userId is null || code is null) return LocalRedirect("~/");
        ReturnUrl = Url.Safe(returnUrl);

        var user = await userManager.FindByIdAsync(userId);
        if (user is not null && AccountLinks.DecodeToken(code) is { } token)
            Confirmed = (await userManager.ConfirmEmailAsync(user, token)).Succeeded;
        return Page();
    }

}
