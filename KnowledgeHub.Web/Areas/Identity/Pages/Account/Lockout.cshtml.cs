using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

[AllowAnonymous]
public sealed class LockoutModel(IOptions<IdentityOptions> options) : PageModel
{
    /// <summary>How long a locked account waits, from the Identity options (5 minutes).</summary>
    public int Minutes => (int)Math.Ceiling(options.Value.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    public void OnGet()
    {
    }
}
