using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;

namespace KnowledgeHub.Web.Endpoints;

public static class AvatarEndpoints
{
    /// <summary>GET /avatars/{file}: uploaded profile pictures, served from the data folder.</summary>
    public static void MapAvatarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{file}", (string file, DataPaths paths) =>
        {
            if (file.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || file.Contains("..")) return Results.NotFound();
            var path = Path.Combine(paths.Uploads, "avatars", file);
            return File.Exists(path)
                ? Results.File(path, ImageSniffer.ContentType(path), enableRangeProcessing: false)
                : Results.NotFound();
        }).AllowAnonymous();
    }
}
