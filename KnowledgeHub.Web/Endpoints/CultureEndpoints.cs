using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace KnowledgeHub.Web.Endpoints;

public static class CultureEndpoints
{
    /// <summary>
    /// GET /culture/set?culture=zh-CN&amp;redirectUri=/path: the 中文/English switch. Stores the choice in the
    /// culture cookie and, for a signed-in user, in the profile (which outranks the cookie), then goes back.
    /// </summary>
    public static void MapCultureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/set", async (string? culture, string? redirectUri, HttpContext http,
            ProfileService profiles, SignInManager<ApplicationUser> signIn, CancellationToken ct) =>
        {
            var target = IsLocal(redirectUri) ? redirectUri! : "/";
            if (!SupportedCultures.IsSupported(culture)) return Results.LocalRedirect(target);
            culture = SupportedCultures.All.First(c => c.Equals(culture, StringComparison.OrdinalIgnoreCase));

            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });

            // The profile outranks the cookie, so a signed-in switch updates it too; but only for a click on this site,
            // never for a link on another site (a GET is not antiforgery-protected).
            var sameSite = http.Request.Headers["Sec-Fetch-Site"].ToString() is "" or "same-origin" or "none";
            if (sameSite && http.User.GetUserId() is { } userId && await profiles.GetAsync(userId, ct) is { } profile)
            {
                await profiles.UpdateAsync(userId, profile.DisplayName, profile.Bio, culture, ct);
                if (await signIn.UserManager.FindByIdAsync(userId.ToString()) is { } user)
                    await signIn.RefreshSignInAsync(user);
            }
            return Results.LocalRedirect(target);
        }).AllowAnonymous();

        // GET /theme/set?mode=dark&redirectUri=/path: light/dark for statically rendered pages (no circuit to toggle it in place).
        app.MapGet("/theme/set", (string? mode, string? redirectUri, HttpContext http) =>
        {
            http.Response.Cookies.Append(Components.App.ThemeCookie, mode == "dark" ? "dark" : "light",
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(IsLocal(redirectUri) ? redirectUri! : "/");
        }).AllowAnonymous();
    }

    internal static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
