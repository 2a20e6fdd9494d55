using Microsoft.AspNetCore.Mvc;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account;

internal static class ReturnUrls
{
    /// <summary>The return URL when it points into this site, else the home page: never an open redirect.</summary>
    public static string Safe(this IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : url.Content("~/");
}
