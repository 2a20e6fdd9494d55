using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace KnowledgeHub.Web.Endpoints;

/// <summary>
/// POST /api/events: the beacon app.js sends after a page loaded, with the events the page declared in its
/// <c>data-kh-event</c> elements (see <see cref="Features.Shared.PageEventTag"/>). Recording views here instead of while
/// rendering keeps pages free of per-visitor work and cookies, so they can be cached; it also leaves out clients that
/// run no script (crawlers, load testers). JSON only (a cross-site form cannot send it), rate-limited per address.
/// </summary>
public static class EventEndpoints
{
    public const string RateLimit = "events";

    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", async (PageBeacon beacon, HttpContext http, PageEventService events, TimeProvider clock, CancellationToken ct) =>
        {
            var (who, newSession) = VisitorCookies.Read(http);
            var context = new BeaconContext(who, VisitorCookies.DeviceOf(http.Request.Headers.UserAgent.ToString()), newSession, http.Request.Host.Host);
            var result = await events.RecordAsync(beacon, context, ct);
            if (!result.IsSuccess) return Results.BadRequest(new { error = result.Error!.Code });
            VisitorCookies.Write(http, who, clock.GetUtcNow());
            return Results.NoContent();
        }).AllowAnonymous().RequireRateLimiting(RateLimit).DisableAntiforgery();
    }
}
