using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

/// <summary>
/// Re-issues the sign-in cookie from the database, so a role granted a moment ago (an approved application to teach)
/// counts at once instead of at the next security-stamp check. POST with the antiforgery token; GET only goes back.
/// </summary>
[Authorize]
public sealed class RefreshSignInModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signInManager) : PageModel
{
    public IActionResult OnGet(string? returnUrl = null) => LocalRedirect(Url.Safe(returnUrl));

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        if (await users.GetUserAsync(User) is { } user) await signInManager.RefreshSignInAsync(user);
        return LocalRedirect(Url.Safe(returnUrl));
    }
}
