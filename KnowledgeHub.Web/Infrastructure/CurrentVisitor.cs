using System.Security.Cryptography;
using KnowledgeHub.Domain.Analytics;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>
/// Who is behind this request, for behaviour events: an anonymous visitor id (cookie kh.vid, one year), a
/// session id (cookie kh.sid, 30 minutes sliding) and the signed-in user. Set per request by
/// <see cref="VisitorMiddleware"/>; components inject this instead of reading HttpContext.
/// </summary>
public sealed class CurrentVisitor
{
    public VisitorIdentity Identity { get; internal set; } = new("anonymous", null, null);
    /// <summary>desktop, mobile or tablet, from the User-Agent.</summary>
    public string Device { get; internal set; } = "desktop";
}

public sealed class VisitorMiddleware(RequestDelegate next)
{
    public const string VisitorCookie = "kh.vid";
    public const string SessionCookie = "kh.sid";

    public Task InvokeAsync(HttpContext http, CurrentVisitor visitor)
    {
        // Only pages: static files, the Blazor hub and health checks need no visitor.
        var path = http.Request.Path;
        if (path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_content") || path.StartsWithSegments("/healthz") || Path.HasExtension(path.Value))
            return next(http);

        var visitorId = http.Request.Cookies[VisitorCookie];
        if (!IsId(visitorId))
        {
            visitorId = NewId("v-");
            http.Response.Cookies.Append(VisitorCookie, visitorId, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }
        var sessionId = http.Request.Cookies[SessionCookie];
        if (!IsId(sessionId)) sessionId = NewId("s-");
        http.Response.Cookies.Append(SessionCookie, sessionId!, new CookieOptions { MaxAge = TimeSpan.FromMinutes(30), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });

        visitor.Identity = new VisitorIdentity(visitorId!, sessionId, http.User.GetUserId());
        visitor.Device = DeviceOf(http.Request.Headers.UserAgent.ToString());
        return next(http);
    }

    private static bool IsId(string? value) => value is { Length: > 2 and <= 40 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    internal static string DeviceOf(string userAgent) =>
        userAgent.Contains("iPad", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("Tablet", StringComparison.OrdinalIgnoreCase) ? "tablet"
        : userAgent.Contains("Mobi", StringComparison.OrdinalIgnoreCase) || userAgent.Contains("Android", StringComparison.OrdinalIgnoreCase) ? "mobile"
        : "desktop";
}
