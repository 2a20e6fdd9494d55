using System.Text;
using KnowledgeHub.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Storage;

/// <summary>
/// Takes an upload as a stream (the request body) into the <see cref="IFileStore"/>: refuses it by its declared length
/// before reading, checks its type from its first bytes before anything is written, counts bytes while copying and
/// abandons it past the kind's limit. Covers are decoded and stored resized (<see cref="CoverImages"/>). Whatever
/// fails (too large, wrong type, broken image, cancelled, a storage error) leaves no file behind. Failures carry a
/// stable code and a resource key as message ("upload.too-large" / "UploadTooLarge", ...).
/// Who may upload is the endpoint's concern (instructors and admins); attaching the file to a lesson or course is the
/// authoring service's, which checks ownership.
/// </summary>
public sealed partial class UploadService(IFileStore store, IOptions<UploadLimits> limits, ILogger<UploadService> logger)
{
    public const int FileNameMaxLength = 200;

    public UploadLimits Limits => limits.Value;

    public async Task<Result<StoredFile>> UploadAsync(UploadKind kind, Stream content, string? fileName, long? declaredLength, CancellationToken ct)
    {
        var max = Limits.MaxBytes(kind);
        if (declaredLength == 0) return Empty();
        if (declaredLength > max) return TooLarge(kind, declaredLength.Value, max);

        var header = new byte[FileSignatures.HeaderLength];
        var read = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (read == 0) return Empty();
        var type = FileSignatures.Detect(header.AsSpan(0, read), fileName);
        if (type is null || !UploadLimits.Accepts(kind, type))
        {
            LogRefusedType(kind, type?.ContentType ?? "unknown");
            return Result<StoredFile>.Fail("upload.wrong-type", WrongTypeMessage(kind));
        }

        var name = CleanFileName(fileName, type);
        var body = new LimitedReadStream(header.AsMemory(0, read), content, max);
        try
        {
            if (kind == UploadKind.Image) return await StoreCoverAsync(body, name, ct);
            var key = FileKeys.New(type);
            var length = await store.WriteAsync(key, body, ct);
            LogStored(kind, key, type.ContentType, length);
            return Result.Ok(new StoredFile(key, name, type.ContentType, length));
        }
        catch (UploadTooLargeException)
        {
            return TooLarge(kind, body.BytesRead, max);
        }
    }

    /// <summary>Deletes a stored file; for a cover, every size of it.</summary>
    public async Task DeleteAsync(string key, CancellationToken ct)
    {
        if (CoverImages.KeyFor(key, CoverImages.Large) is not null)
        {
            foreach (var size in CoverImages.Sizes) await store.DeleteAsync(CoverImages.KeyFor(key, size)!, ct);
            return;
        }
        await store.DeleteAsync(key, ct);
    }

    private async Task<Result<StoredFile>> StoreCoverAsync(LimitedReadStream body, string name, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct); // bounded by the image limit (5 MB by default)
        var rendered = CoverImages.Render(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (!rendered.IsSuccess)
        {
            LogRefusedType(UploadKind.Image, rendered.Error!.Code);
            return Result<StoredFile>.Fail(rendered.Error.Code, rendered.Error.Message);
        }

        var id = FileKeys.NewId();
        var written = new List<string>();
        try
        {
            foreach (var (size, jpeg) in rendered.Value!)
            {
                var key = FileKeys.WithVariant(id, size.Variant, FileType.Jpeg);
                await store.WriteAsync(key, new MemoryStream(jpeg, writable: false), ct);
                written.Add(key);
            }
        }
        catch
        {
            foreach (var key in written) await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
        var large = rendered.Value![0];
        var largeKey = FileKeys.WithVariant(id, large.Size.Variant, FileType.Jpeg);
        LogStored(UploadKind.Image, largeKey, FileType.Jpeg.ContentType, large.Jpeg.Length);
        return Result.Ok(new StoredFile(largeKey, name, FileType.Jpeg.ContentType, large.Jpeg.Length));
    }

    private Result<StoredFile> TooLarge(UploadKind kind, long length, long max)
    {
        LogTooLarge(kind, length, max);
        return Result<StoredFile>.Fail("upload.too-large", "UploadTooLarge");
    }

    private static Result<StoredFile> Empty() => Result<StoredFile>.Fail("upload.empty", "UploadEmpty");

    public static string WrongTypeMessage(UploadKind kind) => kind switch
    {
        UploadKind.Video => "UploadWrongTypeVideo",
        UploadKind.File => "UploadWrongTypeFile",
        _ => "UploadWrongTypeImage",
    };

    /// <summary>
    /// The name to show and to offer on download: the last path segment of what the browser sent, without control
    /// characters, at most <see cref="FileNameMaxLength"/> characters. Never used to build a path or a key.
    /// </summary>
    public static string CleanFileName(string? fileName, FileType type)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name)
            if (!char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')) clean.Append(c);
        name = clean.ToString().Trim().Trim('.').Trim();
        if (name.Length > FileNameMaxLength)
        {
            var cut = FileNameMaxLength;
            if (char.IsHighSurrogate(name[cut - 1])) cut--;
            name = name[..cut];
        }
        return name.Length == 0 ? "upload" + type.Extension : name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload ({Kind}) stored as {Key}: {ContentType}, {Length} bytes")]
    private partial void LogStored(UploadKind kind, string key, string contentType, long length);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload ({Kind}) refused: {Detected}")]
    private partial void LogRefusedType(UploadKind kind, string detected);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload ({Kind}) refused: {Length} bytes or more, limit {Limit}")]
    private partial void LogTooLarge(UploadKind kind, long length, long limit);
}
