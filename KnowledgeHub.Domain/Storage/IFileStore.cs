using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace KnowledgeHub.Domain.Storage;

/// <summary>
/// Where uploaded media and files live: the data folder (<see cref="LocalDiskFileStore"/>, the default) or an
/// S3-compatible bucket (<see cref="S3FileStore"/>), chosen by <see cref="StorageOptions.Provider"/>.
/// Keys come from <see cref="FileKeys.New"/> only: never a path or a name a user typed.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) under a new key and returns the number of bytes stored. All or
    /// nothing: when reading or writing fails or is cancelled, nothing is left under the key and no partial data stays behind.
    /// </summary>
    Task<long> WriteAsync(string key, Stream content, CancellationToken ct);

    /// <summary>The stored file for reading (a seekable stream, so HTTP range requests can be served), or null when there is none.</summary>
    Task<FileStoreObject?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the file; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);
}

/// <summary>An open stored file. Dispose <see cref="Content"/> when done (the HTTP result does it after sending).</summary>
public sealed record FileStoreObject(Stream Content, long Length, DateTimeOffset LastModified, FileType Type);

/// <summary>
/// Storage keys: 32 random hex characters, an optional variant ("-480x270" for a cover rendition) and the extension of
/// the type detected from the content (so a key says how to serve it). Unguessable, flat (no folders), safe in a URL.
/// </summary>
public static partial class FileKeys
{
    public static string New(FileType type, string? variant = null) => WithVariant(NewId(), variant, type);

    /// <summary>Keys of renditions of one file share the id: <c>{id}-{variant}{extension}</c>.</summary>
    public static string WithVariant(string id, string? variant, FileType type) =>
        variant is null ? id + type.Extension : $"{id}-{variant}{type.Extension}";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? key) => key is not null && KeyPattern().IsMatch(key);

    /// <summary>The type of a valid key, from its extension; null for anything else.</summary>
    public static FileType? TypeOf(string key) => IsValid(key) ? FileType.FromExtension(Path.GetExtension(key)) : null;

    [GeneratedRegex("^[0-9a-f]{32}(-[0-9a-z]{1,16})?\\.[0-9a-z]{2,5}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
