using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Shows freshly generated recovery codes once (they travel in TempData from the page that made them).</summary>
[Authorize]
public sealed class ShowRecoveryCodesModel : PageModel
{
    [TempData]
    public string[]? RecoveryCodes { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public IActionResult OnGet() =>
        RecoveryCodes is null or { Length: 0 } ? RedirectToPage("./TwoFactorAuthentication") : Page();
}
