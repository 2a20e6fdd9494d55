using Microsoft.AspNetCore.Antiforgery;

namespace KnowledgeHub.Web.Endpoints;

/// <summary>
/// GET /api/antiforgery-token: a fresh request token (and the header to send it in) for scripts of signed-in users that
/// post outside a form, such as the editor's uploads. It pairs with the antiforgery cookie this response (re)sets, so it
/// stays valid however long the page has been open. Another site cannot read the answer (no CORS), which is what keeps
/// the token secret.
/// </summary>
public static class AntiforgeryEndpoints
{
    public static void MapAntiforgeryEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/antiforgery-token", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new { token = tokens.RequestToken, header = tokens.HeaderName });
        }).RequireAuthorization();
}
