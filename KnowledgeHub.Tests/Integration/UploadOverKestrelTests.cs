using System.Net;
using System.Net.Http.Json;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Domain.Storage;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>
/// Uploads through real Kestrel on a loopback port, where the server's own request body limit (30 MB by default)
/// applies: the upload endpoint lifts it to the kind's limit for its own requests only.
/// </summary>
public sealed class KestrelAppFixture : IDisposable
{
    public const int VideoLimit = 48 * 1024 * 1024;
    private readonly TempFolder folder = new();
    private readonly KnowledgeHubFactory factory;

    public KestrelAppFixture()
    {
        factory = new KnowledgeHubFactory(folder.Path, services => services.Configure<UploadLimits>(o => o.VideoMaxBytes = VideoLimit));
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        Address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri Address { get; }
    public string MediaFolder => Path.Combine(folder.Path, "uploads", "media");

    /// <summary>A real HTTP client with its own cookies, signed in as the demo instructor.</summary>
    public async Task<HttpClient> InstructorClientAsync()
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword)).StatusCode);
        return client;
    }

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
    }
}

/// <summary>
/// Uploads through real Kestrel on a loopback port, where the server's own request body limit (30 MB by default)
/// applies: the upload endpoint lifts it to the kind's limit for its own requests only.
/// </summary>
public sealed class UploadOverKestrelTests(KestrelAppFixture app) : IClassFixture<KestrelAppFixture>
{
    private const int VideoLimit = KestrelAppFixture.VideoLimit;

    [Fact]
    public async Task Upload_40MbVideo_PastKestrelsDefaultLimit_Stored()
    {
        using var client = await app.InstructorClientAsync();
        var content = MediaSamples.Mp4(40 * 1024 * 1024);

        var response = await client.SendAsync(await MediaEndpointsTests.UploadRequestAsync(client, "video", content, "long.mp4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = (await response.Content.ReadFromJsonAsync<StoredFile>())!;
        Assert.Equal(content.Length, file.Length);
        Assert.Equal(content.Length, new FileInfo(Path.Combine(app.MediaFolder, file.Key[..2], file.Key)).Length);
    }

    [Fact]
    public async Task Upload_DeclaredOverTheLimit_413JsonAndNothingStored()
    {
        using var client = await app.InstructorClientAsync();
        var before = MediaSamples.FilesUnder(app.MediaFolder);
        var request = await MediaEndpointsTests.UploadRequestAsync(client, "video", MediaSamples.Mp4(VideoLimit + 1), "big.mp4");
        // The answer comes before the body is read. A client that waits for "100 Continue" sends no body at all; one
        // that sends at once (browsers) may see the connection close under it instead (so the editor checks the size first).
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("upload.too-large", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_StreamedPastTheLimitWithoutLength_RefusedAndNothingStored()
    {
        using var client = await app.InstructorClientAsync();
        var before = MediaSamples.FilesUnder(app.MediaFolder);
        var request = await MediaEndpointsTests.UploadRequestAsync(client, "video", [], "big.mp4");
        request.Content = new StreamContent(new UploadBody(MediaSamples.Mp4(VideoLimit + 4 * 1024 * 1024), chunk: 64 * 1024));

        HttpStatusCode? status = null;
        try
        {
            status = (await client.SendAsync(request)).StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server answered and stopped reading while the body was still being sent: the connection may close first.
        }

        Assert.True(status is null or HttpStatusCode.RequestEntityTooLarge, status?.ToString());
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }
}
