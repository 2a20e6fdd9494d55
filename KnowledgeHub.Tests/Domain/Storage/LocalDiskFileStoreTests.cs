using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Support;

namespace KnowledgeHub.Tests.Domain.Storage;

public sealed class LocalDiskFileStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly LocalDiskFileStore store;

    public LocalDiskFileStoreTests() => store = new LocalDiskFileStore(Path.Combine(folder.Path, "media"));

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task WriteThenOpenRead_RoundTrip_SameBytesLengthAndType()
    {
        var content = MediaSamples.Mp4(300_000);
        var key = FileKeys.New(FileType.Mp4);

        var written = await store.WriteAsync(key, new UploadBody(content), CancellationToken.None);
        var stored = await store.OpenReadAsync(key, CancellationToken.None);

        Assert.Equal(content.Length, written);
        Assert.NotNull(stored);
        await using (stored.Content)
        {
            Assert.Equal(content.Length, stored.Length);
            Assert.Equal(FileType.Mp4, stored.Type);
            Assert.True(stored.Content.CanSeek, "range requests need a seekable stream");
            using var copy = new MemoryStream();
            await stored.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }
        Assert.True(await store.ExistsAsync(key, CancellationToken.None));
        var file = Assert.Single(MediaSamples.FilesUnder(store.Root));
        Assert.Equal(Path.Combine(store.Root, key[..2], key), file);
    }

    [Fact]
    public async Task Write_SourceFailsMidway_NothingLeftBehind()
    {
        var key = FileKeys.New(FileType.Mp4);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new UploadBody(MediaSamples.Mp4(500_000), failAfter: 200_000), CancellationToken.None));

        Assert.Empty(MediaSamples.FilesUnder(store.Root));
        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Write_CancelledMidway_NothingLeftBehind()
    {
        using var cancel = new CancellationTokenSource();
        var key = FileKeys.New(FileType.WebM);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.WriteAsync(key, new UploadBody(MediaSamples.WebM(500_000), failAfter: 100_000, cancelAt: cancel), cancel.Token));

        Assert.Empty(MediaSamples.FilesUnder(store.Root));
    }

    [Fact]
    public async Task Delete_RemovesTheFile_AndMissingKeysAreNoError()
    {
        var key = FileKeys.New(FileType.Pdf);
        await store.WriteAsync(key, new MemoryStream(MediaSamples.Pdf()), CancellationToken.None);

        await store.DeleteAsync(key, CancellationToken.None);
        await store.DeleteAsync(key, CancellationToken.None);

        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
    }

    [Theory]
    [InlineData("../knowledgehub.db")]
    [InlineData("/etc/passwd")]
    [InlineData("0123456789abcdef0123456789abcdef.mp4/../../x")]
    public async Task AnythingButAKey_NeverReachesTheDisk(string key)
    {
        File.WriteAllText(Path.Combine(folder.Path, "knowledgehub.db"), "secret");

        Assert.Null(await store.OpenReadAsync(key, CancellationToken.None));
        Assert.False(await store.ExistsAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(key, new MemoryStream([1]), CancellationToken.None));
        await store.DeleteAsync(key, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(folder.Path, "knowledgehub.db")));
    }

    [Fact]
    public async Task Write_ExistingKey_RefusedAndTheFirstFileKept()
    {
        var key = FileKeys.New(FileType.Pdf);
        await store.WriteAsync(key, new MemoryStream(MediaSamples.Pdf()), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() => store.WriteAsync(key, new MemoryStream(MediaSamples.Pdf().Concat("x"u8.ToArray()).ToArray()), CancellationToken.None));

        var stored = await store.OpenReadAsync(key, CancellationToken.None);
        await using (stored!.Content) Assert.Equal(MediaSamples.Pdf().Length, stored.Length);
        Assert.Single(MediaSamples.FilesUnder(store.Root));
    }
}
