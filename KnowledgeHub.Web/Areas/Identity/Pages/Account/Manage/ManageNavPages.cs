using Microsoft.AspNetCore.Mvc.Rendering;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Which entry of the account-settings menu is current: pages set ViewData["ActivePage"] to one of these.</summary>
public static class ManageNavPages
{
    public const string Index = "Index";
    public const string Email = "Email";
    public const string ChangePassword = "ChangePassword";
    public const string TwoFactorAuthentication = "TwoFactorAuthentication";

    public static string? NavClass(ViewContext context, string page) => IsActive(context, page) ? "active" : null;

    public static string? AriaCurrent(ViewContext context, string page) => IsActive(context, page) ? "page" : null;

    private static bool IsActive(ViewContext context, string page)
    {
        var active = context.ViewData["ActivePage"] as string
                     ?? Path.GetFileNameWithoutExtension(context.ActionDescriptor.DisplayName);
        return string.Equals(active, page, StringComparison.OrdinalIgnoreCase);
    }
}
