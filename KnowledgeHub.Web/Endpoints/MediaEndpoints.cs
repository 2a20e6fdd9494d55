using System.Threading.RateLimiting;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Web.Infrastructure;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KnowledgeHub.Web.Endpoints;

/// <summary>
/// Uploads and the media they become. Files live in the <see cref="IFileStore"/> (data folder or S3 bucket), never under
/// wwwroot: they are reached only through these endpoints.
/// <list type="bullet">
/// <item><c>POST /api/uploads/{video|file|image}?name=...</c> (instructors and admins): the request body is the file
/// itself (raw bytes, e.g. <c>xhr.send(file)</c>, any Content-Type; not a form), streamed into the store. The antiforgery
/// request token goes in the <see cref="AntiforgeryOptions.HeaderName"/> header (<c>RequestVerificationToken</c>). Answers
/// 200 <c>{key, fileName, contentType, length}</c>, or 400 / 413 <c>{error, message}</c> (a stable code and a localized
/// text), 401 anonymous, 403 without the Instructor or Admin role, 429 when rate-limited.</item>
/// <item><c>GET /media/lessons/{lessonId}</c>: the lesson's video or file when <see cref="ILessonMediaAccess"/> allows
/// the caller (404 otherwise), with range requests (206) so video can seek; files other than video download as attachments.</item>
/// <item><c>GET /media/covers/{key}</c>: course cover images (either size), public once a course uses them.</item>
/// </list>
/// </summary>
public static class MediaEndpoints
{
    public const string UploadRateLimit = "uploads";
    /// <summary>Uploads per user per minute: a person adding lessons never gets near it.</summary>
    public const int UploadsPerMinute = 30;

    /// <summary>The upload rate limit, and 401 instead of a redirect to the log-in page for anonymous calls to /api.</summary>
    public static IServiceCollection AddMediaEndpoints(this IServiceCollection services)
    {
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(UploadRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
            http.User.GetUserId()?.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = UploadsPerMinute, Window = TimeSpan.FromMinutes(1) })));
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var redirect = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api")) return redirect(context);
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public static void MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/uploads/{kind:regex(^(video|file|image)$)}", UploadAsync)
            .RequireAuthorization(Policies.CanTeach)
            .RequireRateLimiting(UploadRateLimit)
            // Validated in the handler from the header only: the middleware would read a form body to look for the token.
            .DisableAntiforgery()
            // Answers are JSON for the editor's script, never the HTML error page.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());

        app.MapMethods("/media/lessons/{lessonId:int}", [HttpMethods.Get, HttpMethods.Head], LessonMediaAsync).AllowAnonymous();
        app.MapMethods("/media/covers/{key}", [HttpMethods.Get, HttpMethods.Head], CoverAsync).AllowAnonymous();
    }

    private static async Task<IResult> UploadAsync(string kind, HttpContext http, UploadService uploads, UploadTickets tickets, IAntiforgery antiforgery,
        IOptions<AntiforgeryOptions> antiforgeryOptions, IStringLocalizer<Strings> localizer, ILoggerFactory loggers, CancellationToken ct)
    {
        var uploadKind = Enum.Parse<UploadKind>(kind, ignoreCase: true);
        var max = uploads.Limits.MaxBytes(uploadKind);
        IResult Refuse(int status, string code, string message) =>
            Results.Json(new UploadError(code, localizer[message, FormatBytes(max)].Value), statusCode: status);

        if (string.IsNullOrEmpty(http.Request.Headers[antiforgeryOptions.Value.HeaderName!]))
            return Refuse(StatusCodes.Status400BadRequest, "upload.antiforgery", "UploadSessionExpired");
        if (!await antiforgery.IsRequestValidAsync(http))
            return Refuse(StatusCodes.Status400BadRequest, "upload.antiforgery", "UploadSessionExpired");
        if (http.Request.HasFormContentType)
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "upload.raw-body-expected", "UploadRawBodyExpected");

        // Kestrel refuses bodies over 30 MB unless told otherwise: allow this kind's limit for this request only.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = max;

        try
        {
            var result = await uploads.UploadAsync(uploadKind, http.Request.Body, http.Request.Query["name"], http.Request.ContentLength, ct);
            if (result.IsSuccess)
            {
                var file = result.Value!;
                return Results.Ok(new UploadAnswer(file.Key, file.FileName, file.ContentType, file.Length, tickets.Issue(file, http.User.GetUserId()!.Value)));
            }
            var status = result.Error!.Code == "upload.too-large" ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Refuse(status, result.Error.Code, result.Error.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "upload.too-large", "UploadTooLarge");
        }
        catch (Exception e) when (ct.IsCancellationRequested || e is BadHttpRequestException)
        {
            // The browser went away or the body ended early (cancelled upload): the store kept nothing.
            return Refuse(StatusCodes.Status400BadRequest, "upload.incomplete", "UploadIncomplete");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(MediaEndpoints)).LogError(e, "Upload ({Kind}) failed in the file store", uploadKind);
            return Refuse(StatusCodes.Status500InternalServerError, "upload.failed", "UploadFailed");
        }
    }

    private static async Task<IResult> LessonMediaAsync(int lessonId, HttpContext http, IFileStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        // Implemented by the authoring feature; until it is registered every lesson answers 404.
        if (http.RequestServices.GetService<ILessonMediaAccess>() is not { } access) return Results.NotFound();
        if (await access.FindReadableAsync(lessonId, http.User.GetUserId(), ct) is not { } file) return Results.NotFound();
        if (await store.OpenReadAsync(file.Key, ct) is not { } stored)
        {
            loggers.CreateLogger(typeof(MediaEndpoints)).LogWarning("Lesson {LessonId} points at {Key}, which the file store does not have", lessonId, file.Key);
            return Results.NotFound();
        }

        // Access is decided per request: caches may keep a copy for this user only and must ask again (the ETag makes
        // that a 304); a replaced video has a new key, so a new ETag.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stored.Content, stored.Type.ContentType,
            fileDownloadName: stored.Type.IsVideo ? null : file.FileName,
            lastModified: stored.LastModified, entityTag: ETagOf(file.Key), enableRangeProcessing: true);
    }

    private static async Task<IResult> CoverAsync(string key, HttpContext http, IFileStore store, CoverQueries covers, CancellationToken ct)
    {
        if (FileKeys.TypeOf(key) is not { IsImage: true }) return Results.NotFound();
        var isPublic = await covers.IsCourseCoverAsync(key, ct);
        // Before the editor saves a new cover on the course, its author (any instructor who has the key) may see it.
        if (!isPublic && !(http.User.IsInRole(Roles.Instructor) || http.User.IsInRole(Roles.Admin))) return Results.NotFound();
        if (await store.OpenReadAsync(key, ct) is not { } stored) return Results.NotFound();

        // A key's bytes never change (a new cover gets a new key).
        http.Response.Headers.CacheControl = isPublic ? "public, max-age=31536000, immutable" : "private, no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(stored.Content, stored.Type.ContentType, lastModified: stored.LastModified, entityTag: ETagOf(key));
    }

    /// <summary>A hash of the key, never the key itself: keys are capabilities the editor must not learn from a response.</summary>
    private static EntityTagHeaderValue ETagOf(string key) =>
        new($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32]}\"");

    /// <summary>"2 GB", "100 MB", "5 MB", "512 KB".</summary>
    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MB",
        _ => $"{Math.Max(1, bytes / 1024.0):0.#} KB",
    };

    public sealed record UploadError(string Error, string Message);

    /// <summary>The stored file and the ticket that proves who uploaded it (see <see cref="UploadTickets"/>).</summary>
    public sealed record UploadAnswer(string Key, string FileName, string ContentType, long Length, string Ticket);
}
