using System.Text;
using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace KnowledgeHub.Web.Features.Accounts;

/// <summary>
/// The links mailed to users: an Identity token, made URL-safe (Base64Url of its UTF-8 bytes), in an absolute link
/// to the page that consumes it; and the way back from the URL to the token.
/// </summary>
public static class AccountLinks
{
    public static async Task<string> EmailConfirmationLinkAsync(this UserManager<ApplicationUser> users, IUrlHelper url, string scheme,
        ApplicationUser user, string? returnUrl = null) =>
        url.Page("/Account/ConfirmEmail", pageHandler: null,
            values: new { area = "Identity", userId = user.Id, code = Encode(await users.GenerateEmailConfirmationTokenAsync(user)), returnUrl },
            protocol: scheme)!;

    public static async Task<string> PasswordResetLinkAsync(this UserManager<ApplicationUser> users, IUrlHelper url, string scheme, ApplicationUser user) =>
        url.Page("/Account/ResetPassword", pageHandler: null,
            values: new { area = "Identity", code = Encode(await users.GeneratePasswordResetTokenAsync(user)) }, protocol: scheme)!;

    /// <summary>The token from a link's code, or null when the code was damaged (not Base64Url).</summary>
    public static string? DecodeToken(string code)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));
}
