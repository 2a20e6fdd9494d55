using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Tests.Domain.Storage;

/// <summary>The S3 store through the real AWS SDK against a fake S3-compatible server (path-style, like MinIO).</summary>
public sealed class S3FileStoreTests : IAsyncLifetime
{
    private FakeS3Server server = null!;
    private S3FileStore store = null!;

    public async Task InitializeAsync()
    {
        server = await FakeS3Server.StartAsync();
        store = S3FileStore.Create(new S3StorageOptions
        {
            ServiceUrl = server.Url, Bucket = "media", AccessKey = "test-access", SecretKey = "test-secret", KeyPrefix = "kh/",
        });
    }

    public async Task DisposeAsync()
    {
        store.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task SmallFile_OnePutThenRangedReads()
    {
        var content = MediaSamples.Mp4(100_000);
        var key = FileKeys.New(FileType.Mp4);

        var written = await store.WriteAsync(key, new UploadBody(content), CancellationToken.None);

        Assert.Equal(content.Length, written);
        Assert.Equal(content, server.Objects[$"media/kh/{key}"]);
        Assert.DoesNotContain(server.Requests, r => r.Contains("uploads"));
        var stored = (await store.OpenReadAsync(key, CancellationToken.None))!;
        await using (stored.Content)
        {
            Assert.Equal(content.Length, stored.Length);
            Assert.Equal(FileType.Mp4, stored.Type);
            stored.Content.Seek(5_000, SeekOrigin.Begin);
            var part = new byte[1_000];
            await stored.Content.ReadExactlyAsync(part);
            Assert.Equal(content[5_000..6_000], part);
        }
        Assert.Contains(server.Requests, r => r.StartsWith("GET ") && r.EndsWith("bytes=5000-99999"));
    }

    [Fact]
    public async Task LargeFile_MultipartInPartsAndReadBackWhole()
    {
        var content = MediaSamples.Mp4(2 * S3FileStore.PartSize + 12_345);
        var key = FileKeys.New(FileType.Mp4);

        var written = await store.WriteAsync(key, new UploadBody(content), CancellationToken.None);

        Assert.Equal(content.Length, written);
        Assert.Equal(3, server.Requests.Count(r => r.StartsWith("PUT ") && r.Contains("partNumber=")));
        Assert.Empty(server.OpenUploads);
        var stored = (await store.OpenReadAsync(key, CancellationToken.None))!;
        await using (stored.Content)
        {
            using var copy = new MemoryStream();
            await stored.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
    }

    [Fact]
    public async Task LargeFile_SourceFailsMidway_UploadAbortedAndNoObject()
    {
        var key = FileKeys.New(FileType.Mp4);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key,
            new UploadBody(MediaSamples.Mp4(3 * S3FileStore.PartSize), failAfter: S3FileStore.PartSize + 1_000), CancellationToken.None));

        Assert.Contains(server.Requests, r => r.StartsWith("DELETE ") && r.Contains("uploadId="));
        Assert.Empty(server.OpenUploads);
        Assert.Empty(server.Objects);
        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task LargeFile_Cancelled_UploadAbortedAndNoObject()
    {
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.WriteAsync(FileKeys.New(FileType.WebM),
            new UploadBody(MediaSamples.WebM(3 * S3FileStore.PartSize), failAfter: S3FileStore.PartSize + 1_000, cancelAt: cancel), cancel.Token));

        Assert.Empty(server.OpenUploads);
        Assert.Empty(server.Objects);
    }

    [Fact]
    public async Task ExistsDeleteAndMissing()
    {
        var key = FileKeys.New(FileType.Pdf);
        await store.WriteAsync(key, new MemoryStream(MediaSamples.Pdf()), CancellationToken.None);

        Assert.True(await store.ExistsAsync(key, CancellationToken.None));
        await store.DeleteAsync(key, CancellationToken.None);

        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenReadAsync("../../etc/passwd", CancellationToken.None));
    }
}
