using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace KnowledgeHub.Tests.Domain.Storage;

public sealed class UploadServiceTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly LocalDiskFileStore store;
    private readonly UploadService uploads;

    public UploadServiceTests()
    {
        store = new LocalDiskFileStore(Path.Combine(folder.Path, "media"));
        var limits = new UploadLimits { VideoMaxBytes = 200_000, FileMaxBytes = 50_000, ImageMaxBytes = 5 * 1024 * 1024 };
        uploads = new UploadService(store, Options.Create(limits), NullLogger<UploadService>.Instance);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Limits_Defaults_2GbVideo100MbFiles5MbImages()
    {
        var defaults = new UploadLimits();

        Assert.Equal(2L * 1024 * 1024 * 1024, defaults.MaxBytes(UploadKind.Video));
        Assert.Equal(100L * 1024 * 1024, defaults.MaxBytes(UploadKind.File));
        Assert.Equal(5L * 1024 * 1024, defaults.MaxBytes(UploadKind.Image));
    }

    [Fact]
    public async Task Upload_Video_StoredWithDetectedTypeAndExactBytes()
    {
        var content = MediaSamples.Mp4(150_000);

        var result = await uploads.UploadAsync(UploadKind.Video, new UploadBody(content), "C:\\Users\\me\\第1课 intro.mp4", null, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Code);
        var file = result.Value!;
        Assert.Equal("video/mp4", file.ContentType);
        Assert.Equal(content.Length, file.Length);
        Assert.Equal("第1课 intro.mp4", file.FileName);
        Assert.EndsWith(".mp4", file.Key);
        Assert.DoesNotContain("intro", file.Key);
        var stored = await store.OpenReadAsync(file.Key, CancellationToken.None);
        await using (stored!.Content)
        {
            using var copy = new MemoryStream();
            await stored.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
    }

    [Fact]
    public async Task Upload_ExactlyTheLimit_Accepted()
    {
        var result = await uploads.UploadAsync(UploadKind.Video, new UploadBody(MediaSamples.Mp4(200_000)), "a.mp4", null, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.Equal(200_000, result.Value!.Length);
    }

    [Fact]
    public async Task Upload_OverTheLimitWithoutDeclaredLength_RefusedWhileCopyingAndNothingLeft()
    {
        var result = await uploads.UploadAsync(UploadKind.Video, new UploadBody(MediaSamples.Mp4(200_001)), "a.mp4", null, CancellationToken.None);

        Assert.Equal("upload.too-large", result.Error?.Code);
        Assert.Equal("UploadTooLarge", result.Error?.Message);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_DeclaredLengthOverTheLimit_RefusedWithoutReading()
    {
        var body = new UploadBody(MediaSamples.Pdf());

        var result = await uploads.UploadAsync(UploadKind.File, body, "a.pdf", 50_001, CancellationToken.None);

        Assert.Equal("upload.too-large", result.Error?.Code);
        Assert.Equal(0, body.Position);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_DeclaredLengthUnderstated_StillStopsAtTheLimit()
    {
        var result = await uploads.UploadAsync(UploadKind.File, new UploadBody(MediaSamples.Pad(MediaSamples.Pdf(), 80_000)), "a.pdf", 1_000, CancellationToken.None);

        Assert.Equal("upload.too-large", result.Error?.Code);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Theory]
    [InlineData(UploadKind.Video, "UploadWrongTypeVideo")]
    [InlineData(UploadKind.File, "UploadWrongTypeFile")]
    [InlineData(UploadKind.Image, "UploadWrongTypeImage")]
    public async Task Upload_ExeRenamed_RefusedAsWrongTypeAndNothingWritten(UploadKind kind, string message)
    {
        var result = await uploads.UploadAsync(kind, new UploadBody(MediaSamples.Exe()), "lesson.mp4", null, CancellationToken.None);

        Assert.Equal("upload.wrong-type", result.Error?.Code);
        Assert.Equal(message, result.Error?.Message);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_PdfAsVideo_WrongType()
    {
        var result = await uploads.UploadAsync(UploadKind.Video, new UploadBody(MediaSamples.Pdf()), "notes.mp4", null, CancellationToken.None);

        Assert.Equal("upload.wrong-type", result.Error?.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public async Task Upload_ZeroBytes_Empty(long? declared)
    {
        var result = await uploads.UploadAsync(UploadKind.File, new UploadBody([]), "empty.pdf", declared, CancellationToken.None);

        Assert.Equal("upload.empty", result.Error?.Code);
        Assert.Equal("UploadEmpty", result.Error?.Message);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_CancelledMidStream_ThrowsAndLeavesNothing()
    {
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => uploads.UploadAsync(UploadKind.Video,
            new UploadBody(MediaSamples.Mp4(190_000), failAfter: 90_000, cancelAt: cancel), "a.mp4", null, cancel.Token));

        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_ConnectionDropsMidStream_ThrowsAndLeavesNothing()
    {
        await Assert.ThrowsAsync<IOException>(() => uploads.UploadAsync(UploadKind.Video,
            new UploadBody(MediaSamples.Mp4(190_000), failAfter: 90_000), "a.mp4", null, CancellationToken.None));

        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_Cover_StoresBothSizesAsJpegAndDeleteRemovesBoth()
    {
        var result = await uploads.UploadAsync(UploadKind.Image, new UploadBody(MediaSamples.Png(1600, 1000)), "cover.png", null, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Code);
        Assert.Equal("image/jpeg", result.Value!.ContentType);
        Assert.EndsWith("-1280x720.jpg", result.Value.Key);
        var small = CoverImages.KeyFor(result.Value.Key, CoverImages.Small)!;
        foreach (var (key, size) in new[] { (result.Value.Key, CoverImages.Large), (small, CoverImages.Small) })
        {
            var stored = await store.OpenReadAsync(key, CancellationToken.None);
            await using (stored!.Content)
            {
                using var bitmap = SKBitmap.Decode(stored.Content);
                Assert.Equal((size.Width, size.Height), (bitmap.Width, bitmap.Height));
            }
        }
        Assert.Equal(2, MediaSamples.FilesUnder(store.Root).Length);

        await uploads.DeleteAsync(result.Value.Key, CancellationToken.None);

        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Upload_BrokenImage_RefusedAndNothingStored()
    {
        var jpeg = MediaSamples.Jpeg(800, 600);
        var truncated = jpeg[..(jpeg.Length / 2)];

        var result = await uploads.UploadAsync(UploadKind.Image, new UploadBody(truncated), "cover.jpg", null, CancellationToken.None);

        Assert.Equal("upload.broken-image", result.Error?.Code);
        Assert.Equal("UploadBrokenImage", result.Error?.Message);
        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("  notes.pdf  ", "notes.pdf")]
    [InlineData("a\u0000b\r\n.pdf", "ab.pdf")]
    [InlineData("", "upload.pdf")]
    [InlineData("...", "upload.pdf")]
    [InlineData(null, "upload.pdf")]
    public void CleanFileName_WhatTheBrowserSent_ASafeDisplayName(string? sent, string expected)
    {
        Assert.Equal(expected, UploadService.CleanFileName(sent, FileType.Pdf));
    }

    [Fact]
    public void CleanFileName_VeryLong_Cut()
    {
        Assert.Equal(UploadService.FileNameMaxLength, UploadService.CleanFileName(new string('a', 5000) + ".pdf", FileType.Pdf).Length);
    }
}
