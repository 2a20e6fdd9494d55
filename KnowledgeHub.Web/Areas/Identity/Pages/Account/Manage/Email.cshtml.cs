using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Features.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The sign-in address and whether it is confirmed (changing it comes later).</summary>
[Authorize]
public sealed class EmailModel(
    UserManager<ApplicationUser> userManager, IEmailSender emailSender, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    public string Email { get; private set; } = "";

    public bool IsEmailConfirmed { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        Email = user.Email ?? "";
        IsEmailConfirmed = await userManager.IsEmailConfirmedAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostSendVerificationEmailAsync()
    {
        if (await userManager.GetUserAsync(User) is not { } user) return NotFound();
        if (!await userManager.IsEmailConfirmedAsync(user))
        {
            var link = await userManager.EmailConfirmationLinkAsync(Url, Request.Scheme, user);
            await emailSender.SendConfirmationAsync(localizer, user, link);
            StatusMessage = localizer["VerificationEmailSent"];
        }
        return RedirectToPage();
    }
}
