using System.Security.Cryptography;
using KnowledgeHub.Domain.Analytics;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>
/// The anonymous visitor id (cookie kh.vid, one year) and the visit's session id (cookie kh.sid, 30 minutes, sliding)
/// that behaviour events carry. Only the page-event beacon (<see cref="Endpoints.EventEndpoints"/>) issues and renews
/// them: pages never set a cookie, so anonymous pages can be served from the shared output cache.
/// </summary>
public static class VisitorCookies
{
    public const string VisitorCookie = "kh.vid";
    public const string SessionCookie = "kh.sid";
    public static readonly TimeSpan SessionLength = TimeSpan.FromMinutes(30);

    /// <summary>Both ids from the request; new ones where missing or malformed (a new session when kh.sid was absent).</summary>
    public static (VisitorIdentity Who, bool NewSession) Read(HttpContext http)
    {
        var visitorId = http.Request.Cookies[VisitorCookie];
        if (!IsId(visitorId)) visitorId = NewId("v-");
        var sessionId = http.Request.Cookies[SessionCookie];
        var newSession = !IsId(sessionId);
        if (newSession) sessionId = NewId("s-");
        return (new VisitorIdentity(visitorId!, sessionId, http.User.GetUserId()), newSession);
    }

    /// <summary>Sets both cookies: the visitor id for a year, the session for another 30 minutes.</summary>
    public static void Write(HttpContext http, VisitorIdentity who, DateTimeOffset now)
    {
        var secure = http.Request.IsHttps;
        http.Response.Cookies.Append(VisitorCookie, who.VisitorId, new CookieOptions
        { Expires = now.AddYears(1), HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Lax, IsEssential = true });
        http.Response.Cookies.Append(SessionCookie, who.SessionId!, new CookieOptions
        { MaxAge = SessionLength, HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    /// <summary>desktop, mobile or tablet, from the User-Agent.</summary>
    public static string DeviceOf(string userAgent) =>
        userAgent.Contains("iPad", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("Tablet", StringComparison.OrdinalIgnoreCase) ? "tablet"
        : userAgent.Contains("Mobi", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("Android", StringComparison.OrdinalIgnoreCase) ? "mobile"
        : "desktop";

    private static bool IsId(string? value) => value is { Length: > 2 and <= 40 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
