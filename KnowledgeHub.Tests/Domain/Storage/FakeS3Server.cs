using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Tests.Domain.Storage;

/// <summary>
/// Just enough of the S3 REST API (path-style: PUT/HEAD/GET with Range/DELETE object, multipart initiate/part/complete/
/// abort) on a loopback port, for the AWS SDK to talk to as it would to MinIO. Signatures are not checked.
/// </summary>
public sealed class FakeS3Server : IAsyncDisposable
{
    private const string Ns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly WebApplication app;

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new();
    public ConcurrentDictionary<string, ConcurrentDictionary<int, byte[]>> OpenUploads { get; } = new();
    public ConcurrentQueue<string> Requests { get; } = new();
    public string Url { get; private set; } = "";

    private FakeS3Server()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(HandleAsync);
    }

    public static async Task<FakeS3Server> StartAsync()
    {
        var server = new FakeS3Server();
        await server.app.StartAsync();
        server.Url = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var path = Uri.UnescapeDataString(request.Path.Value!.TrimStart('/'));
        var query = request.Query;
        Requests.Enqueue($"{request.Method} {path}{request.QueryString} {request.Headers.Range}");
        var response = http.Response;

        if (HttpMethods.IsPost(request.Method) && query.ContainsKey("uploads"))
        {
            var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            OpenUploads[id] = new();
            await Xml(response, $"<InitiateMultipartUploadResult xmlns=\"{Ns}\"><Bucket>{Bucket(path)}</Bucket><Key>{KeyOf(path)}</Key><UploadId>{id}</UploadId></InitiateMultipartUploadResult>");
        }
        else if (HttpMethods.IsPut(request.Method) && query.TryGetValue("uploadId", out var partOf))
        {
            if (!OpenUploads.TryGetValue(partOf!, out var parts)) { response.StatusCode = 404; return; }
            var bytes = await BodyAsync(request);
            parts[int.Parse(query["partNumber"]!)] = bytes;
            response.Headers.ETag = $"\"{Convert.ToHexString(MD5.HashData(bytes))}\"";
        }
        else if (HttpMethods.IsPost(request.Method) && query.TryGetValue("uploadId", out var completed))
        {
            await BodyAsync(request);
            if (!OpenUploads.TryRemove(completed!, out var parts)) { response.StatusCode = 404; return; }
            Objects[path] = parts.OrderBy(p => p.Key).SelectMany(p => p.Value).ToArray();
            await Xml(response, $"<CompleteMultipartUploadResult xmlns=\"{Ns}\"><Location>{Url}/{path}</Location><Bucket>{Bucket(path)}</Bucket><Key>{KeyOf(path)}</Key><ETag>\"x-{parts.Count}\"</ETag></CompleteMultipartUploadResult>");
        }
        else if (HttpMethods.IsDelete(request.Method) && query.TryGetValue("uploadId", out var aborted))
        {
            OpenUploads.TryRemove(aborted!, out _);
            response.StatusCode = 204;
        }
        else if (HttpMethods.IsPut(request.Method))
        {
            Objects[path] = await BodyAsync(request);
            response.Headers.ETag = "\"put\"";
        }
        else if (HttpMethods.IsDelete(request.Method))
        {
            Objects.TryRemove(path, out _);
            response.StatusCode = 204;
        }
        else if (!Objects.TryGetValue(path, out var stored))
        {
            response.StatusCode = 404;
        }
        else
        {
            response.Headers.LastModified = "Wed, 25 Nov 2026 10:00:00 GMT";
            response.Headers.ETag = "\"stored\"";
            response.ContentType = "application/octet-stream";
            if (HttpMethods.IsHead(request.Method))
            {
                response.ContentLength = stored.Length;
                return;
            }
            var (from, to) = (0L, stored.Length - 1L);
            if (request.Headers.Range.ToString() is { Length: > 0 } range)
            {
                var bounds = range["bytes=".Length..].Split('-');
                from = long.Parse(bounds[0]);
                to = bounds[1].Length > 0 ? Math.Min(long.Parse(bounds[1]), stored.Length - 1) : stored.Length - 1;
                response.StatusCode = 206;
                response.Headers.ContentRange = $"bytes {from}-{to}/{stored.Length}";
            }
            response.ContentLength = to - from + 1;
            await response.Body.WriteAsync(stored.AsMemory((int)from, (int)(to - from + 1)));
        }
    }

    private static string Bucket(string path) => path.Split('/')[0];
    private static string KeyOf(string path) => path[(path.IndexOf('/') + 1)..];

    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static Task Xml(HttpResponse response, string xml)
    {
        response.ContentType = "application/xml";
        return response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml);
    }
}
