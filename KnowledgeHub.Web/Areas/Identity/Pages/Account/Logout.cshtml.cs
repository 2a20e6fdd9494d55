using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

/// <summary>GET asks for confirmation (a link cannot sign anyone out); POST signs out and goes back.</summary>
public sealed partial class LogoutModel(SignInManager<ApplicationUser> signInManager, ILogger<LogoutModel> logger) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl = null) => ReturnUrl = Url.Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl = null)
    {
        await signInManager.SignOutAsync();
        LogLoggedOut(logger);
        return LocalRedirect(Url.Safe(returnUrl));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User logged out")]
    private static partial void LogLoggedOut(ILogger logger);
}
