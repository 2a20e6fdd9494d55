using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Domain.Storage;
using KnowledgeHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The app with small upload limits and a stand-in for the lesson access rules (tested with the authoring feature).</summary>
public sealed class MediaAppFixture : IDisposable
{
    public const long FileLimit = 64 * 1024;
    public const long VideoLimit = 1024 * 1024;
    private readonly TempFolder folder = new();

    public MediaAppFixture() => Factory = new KnowledgeHubFactory(folder.Path, services =>
    {
        services.Configure<UploadLimits>(o => { o.FileMaxBytes = FileLimit; o.VideoMaxBytes = VideoLimit; });
        services.AddSingleton(Access);
        services.AddSingleton<ILessonMediaAccess>(Access);
    });

    public KnowledgeHubFactory Factory { get; }
    public FakeLessonMediaAccess Access { get; } = new();
    public string MediaFolder => Path.Combine(folder.Path, "uploads", "media");

    public void Dispose()
    {
        Factory.Dispose();
        folder.Dispose();
    }
}

/// <summary>Gives the file set for a lesson to everyone and remembers who asked.</summary>
public sealed class FakeLessonMediaAccess : ILessonMediaAccess
{
    public ConcurrentDictionary<int, StoredFile> Files { get; } = new();
    public ConcurrentQueue<(int LessonId, int? UserId)> Asked { get; } = new();

    public Task<StoredFile?> FindReadableAsync(int lessonId, int? userId, CancellationToken ct)
    {
        Asked.Enqueue((lessonId, userId));
        return Task.FromResult(Files.GetValueOrDefault(lessonId));
    }
}

public sealed partial class MediaEndpointsTests(MediaAppFixture app) : IClassFixture<MediaAppFixture>
{
    [Fact]
    public async Task Upload_InstructorVideo_StoredUnderAnOpaqueKeyAndDescribedAsJson()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var content = MediaSamples.Mp4(300_000);

        var response = await client.SendAsync(await UploadRequestAsync(client, "video", content, "第1课 intro.mp4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = (await response.Content.ReadFromJsonAsync<StoredFile>())!;
        Assert.Equal("video/mp4", file.ContentType);
        Assert.Equal(content.Length, file.Length);
        Assert.Equal("第1课 intro.mp4", file.FileName);
        Assert.True(FileKeys.IsValid(file.Key));
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(app.MediaFolder, file.Key[..2], file.Key)));
    }

    [Fact]
    public async Task Upload_RealWebM_Accepted()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var webm = await File.ReadAllBytesAsync(FindRepoFile("KnowledgeHub.Web/wwwroot/media/preview-sample.webm"));

        var response = await client.SendAsync(await UploadRequestAsync(client, "video", webm, "preview.webm"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/webm", (await response.Content.ReadFromJsonAsync<StoredFile>())!.ContentType);
    }

    [Fact]
    public async Task Upload_Learner_403AndNothingStored()
    {
        var client = await SignedInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);

        var response = await client.SendAsync(await UploadRequestAsync(client, "video", MediaSamples.Mp4(), "a.mp4"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_Anonymous_401NotARedirectAndNothingStored()
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        var before = MediaSamples.FilesUnder(app.MediaFolder);

        var response = await client.PostAsync("/api/uploads/video?name=a.mp4", new ByteArrayContent(MediaSamples.Mp4()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task Upload_WithoutAValidAntiforgeryHeader_400(string? token)
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads/file?name=a.pdf") { Content = new ByteArrayContent(MediaSamples.Pdf()) };
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upload.antiforgery", (await ErrorOf(response)).Error);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_FileOverTheLimit_413WithTheLimitInTheMessageAndNothingStored()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);

        var response = await client.SendAsync(await UploadRequestAsync(client, "file", MediaSamples.Pad(MediaSamples.Pdf(), (int)MediaAppFixture.FileLimit + 1), "big.pdf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("upload.too-large", error.Error);
        Assert.Equal("The file is too large: the limit is 64 KB.", error.Message);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_VideoOverTheLimitWithoutContentLength_StoppedWhileStreamingAndNothingStored()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);
        var request = await UploadRequestAsync(client, "video", [], "big.mp4");
        request.Content = new StreamContent(new UploadBody(MediaSamples.Mp4((int)MediaAppFixture.VideoLimit + 50_000)));

        var response = await client.SendAsync(request);

        Assert.Null(request.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("upload.too-large", (await ErrorOf(response)).Error);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Theory]
    [InlineData("video", "lesson.mp4", "Upload a video in MP4 or WebM format.")]
    [InlineData("file", "notes.pdf", "Upload a PDF, a ZIP archive or an Office document (docx, pptx, xlsx).")]
    [InlineData("image", "cover.png", "Upload an image in JPEG, PNG or WebP format.")]
    public async Task Upload_ExeRenamed_400WrongTypeAndNothingStored(string kind, string name, string message)
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);

        var response = await client.SendAsync(await UploadRequestAsync(client, kind, MediaSamples.Exe(), name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("upload.wrong-type", error.Error);
        Assert.Equal(message, error.Message);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_ZeroBytes_400EmptyInChinese()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword, "zh-CN");

        var response = await client.SendAsync(await UploadRequestAsync(client, "file", [], "empty.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal("upload.empty", error.Error);
        Assert.Equal("文件是空的。", error.Message);
    }

    [Fact]
    public async Task Upload_BrokenImage_400()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var jpeg = MediaSamples.Jpeg(800, 600);

        var response = await client.SendAsync(await UploadRequestAsync(client, "image", jpeg[..(jpeg.Length / 2)], "cover.jpg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("upload.broken-image", (await ErrorOf(response)).Error);
    }

    [Fact]
    public async Task Upload_UnknownKind_NotAnUploadEndpoint()
    {
        var client = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var before = MediaSamples.FilesUnder(app.MediaFolder);

        var response = await client.SendAsync(await UploadRequestAsync(client, "script", MediaSamples.Pdf(), "a.pdf"));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, MediaSamples.FilesUnder(app.MediaFolder));
    }

    [Fact]
    public async Task Upload_Cover_ResizedJpegsThatOnlyInstructorsSeeUntilACourseUsesThem()
    {
        var teacher = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);

        var response = await teacher.SendAsync(await UploadRequestAsync(teacher, "image", MediaSamples.Png(1920, 1080), "cover.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cover = (await response.Content.ReadFromJsonAsync<StoredFile>())!;
        Assert.Equal("image/jpeg", cover.ContentType);
        foreach (var size in CoverImages.Sizes)
        {
            var image = await teacher.GetAsync($"/media/covers/{CoverImages.KeyFor(cover.Key, size)}");
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
            using var bitmap = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
            Assert.Equal((size.Width, size.Height), (bitmap.Width, bitmap.Height));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.Factory.CreateBrowserClient().GetAsync($"/media/covers/{cover.Key}")).StatusCode);
    }

    [Theory]
    [InlineData("../knowledgehub.db")]
    [InlineData("..%2Fknowledgehub.db")]
    [InlineData("0123456789abcdef0123456789abcdef.mp4")]
    public async Task Cover_NotAnImageKey_404(string key)
    {
        var teacher = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/media/covers/{key}")).StatusCode);
    }

    [Fact]
    public async Task LessonMedia_RangeRequest_206WithExactlyThoseBytes()
    {
        var content = MediaSamples.Mp4(200_000);
        await StoreLessonFileAsync(9001, content, FileType.Mp4, "intro.mp4");
        var client = app.Factory.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/media/lessons/9001");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(content[1000..2000], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("bytes 1000-1999/200000", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, response.Headers.CacheControl?.ToString());
        Assert.Null(response.Content.Headers.ContentDisposition); // a video plays inline
    }

    [Fact]
    public async Task LessonMedia_WholeFileOpenEndedAndUnsatisfiableRanges()
    {
        var content = MediaSamples.WebM(50_000);
        await StoreLessonFileAsync(9002, content, FileType.WebM, "clip.webm");
        var client = app.Factory.CreateBrowserClient();

        var whole = await client.GetAsync("/media/lessons/9002");
        using var tail = new HttpRequestMessage(HttpMethod.Get, "/media/lessons/9002") { Headers = { Range = new RangeHeaderValue(49_000, null) } };
        var tailResponse = await client.SendAsync(tail);
        using var beyond = new HttpRequestMessage(HttpMethod.Get, "/media/lessons/9002") { Headers = { Range = new RangeHeaderValue(60_000, null) } };
        var beyondResponse = await client.SendAsync(beyond);

        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(content, await whole.Content.ReadAsByteArrayAsync());
        Assert.Contains("bytes", whole.Headers.AcceptRanges);
        Assert.Equal(HttpStatusCode.PartialContent, tailResponse.StatusCode);
        Assert.Equal(content[49_000..], await tailResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, beyondResponse.StatusCode);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/media/lessons/9002"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(content.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task LessonMedia_Pdf_DownloadsAsAnAttachmentWithItsName()
    {
        await StoreLessonFileAsync(9003, MediaSamples.Pdf(), FileType.Pdf, "第2课 讲义.pdf");

        var response = await app.Factory.CreateBrowserClient().GetAsync("/media/lessons/9003");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("第2课 讲义.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task LessonMedia_AccessAsksWithTheSignedInUser_AndNoAccessIs404()
    {
        var teacher = await SignedInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);

        var response = await teacher.GetAsync("/media/lessons/9099");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(app.Access.Asked, a => a.LessonId == 9099 && a.UserId is > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Factory.CreateBrowserClient().GetAsync("/media/lessons/9098")).StatusCode);
        Assert.Contains(app.Access.Asked, a => a.LessonId == 9098 && a.UserId is null);
    }

    [Fact]
    public async Task LessonMedia_FileMissingFromTheStore_404()
    {
        app.Access.Files[9004] = new StoredFile(FileKeys.New(FileType.Mp4), "gone.mp4", "video/mp4", 10);

        Assert.Equal(HttpStatusCode.NotFound, (await app.Factory.CreateBrowserClient().GetAsync("/media/lessons/9004")).StatusCode);
    }

    private async Task StoreLessonFileAsync(int lessonId, byte[] content, FileType type, string name)
    {
        var key = FileKeys.New(type);
        await app.Factory.Services.GetRequiredService<IFileStore>().WriteAsync(key, new MemoryStream(content), CancellationToken.None);
        app.Access.Files[lessonId] = new StoredFile(key, name, type.ContentType, content.Length);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password, string culture = "en-US")
    {
        var client = app.Factory.CreateBrowserClient(culture);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(email, password)).StatusCode);
        return client;
    }

    /// <summary>What the editor's script sends: the raw file as the body, the antiforgery token in the header.</summary>
    internal static async Task<HttpRequestMessage> UploadRequestAsync(HttpClient client, string kind, byte[] content, string name)
    {
        var page = await client.GetStringAsync("/Identity/Account/Manage");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/uploads/{kind}?name={Uri.EscapeDataString(name)}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.Add("RequestVerificationToken", token);
        return request;
    }

    private static async Task<UploadError> ErrorOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<UploadError>())!;

    internal static string FindRepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException(relative);
    }

    private sealed record UploadError(string Error, string Message);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

/// <summary>The upload rate limit, on an app of its own (it uses up the instructor's quota).</summary>
public sealed class UploadRateLimitTests
{
    [Fact]
    public async Task Upload_MoreThanThePerMinuteLimit_429()
    {
        using var folder = new TempFolder();
        using var factory = new KnowledgeHubFactory(folder.Path);
        var client = factory.CreateBrowserClient("en-US");
        await client.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Web.Endpoints.MediaEndpoints.UploadsPerMinute; i++)
            statuses.Add((await client.SendAsync(await MediaEndpointsTests.UploadRequestAsync(client, "file", [], "empty.pdf"))).StatusCode);

        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
