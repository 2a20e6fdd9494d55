namespace KnowledgeHub.Domain.Storage;

/// <summary>
/// Files under one folder of the data folder (<c>&lt;data&gt;/uploads/media</c>), never under wwwroot: they are only
/// reachable through the media endpoints, which check access. A key's file sits in a subfolder named by the key's first
/// two characters, so no folder grows to hundreds of thousands of entries. A write goes to a hidden temporary file in the
/// same folder and is renamed into place once complete (same file system, so the rename is atomic); a failed or
/// cancelled write deletes the temporary file.
/// </summary>
public sealed class LocalDiskFileStore : IFileStore
{
    private const int BufferSize = 128 * 1024;

    public LocalDiskFileStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken ct)
    {
        var final = PathOf(key) ?? throw new ArgumentException($"Not a storage key: {key}", nameof(key));
        var folder = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{key}.{FileKeys.NewId()[..8]}.part");
        try
        {
            long length;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, BufferSize, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
                length = file.Length;
            }
            File.Move(temp, final, overwrite: false);
            return length;
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public Task<FileStoreObject?> OpenReadAsync(string key, CancellationToken ct)
    {
        if (PathOf(key) is not { } path || FileKeys.TypeOf(key) is not { } type) return Task.FromResult<FileStoreObject?>(null);
        try
        {
            // FileShare.Delete: a file being served can still be deleted (replaced media); the open stream keeps reading it.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            var info = new FileInfo(path);
            return Task.FromResult<FileStoreObject?>(new FileStoreObject(stream, stream.Length, info.LastWriteTimeUtc, type));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<FileStoreObject?>(null);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        if (PathOf(key) is { } path) File.Delete(path);
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) =>
        Task.FromResult(PathOf(key) is { } path && File.Exists(path));

    /// <summary>The file of a valid key; null for anything that is not one (so no input can name another path).</summary>
    private string? PathOf(string key) => FileKeys.IsValid(key) ? Path.Combine(Root, key[..2], key) : null;

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
