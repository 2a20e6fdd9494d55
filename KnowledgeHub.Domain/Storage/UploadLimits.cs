namespace KnowledgeHub.Domain.Storage;

/// <summary>What an upload is for; each kind has its own size limit and accepted types.</summary>
public enum UploadKind
{
    /// <summary>A lesson video: MP4 or WebM.</summary>
    Video,
    /// <summary>A lesson download: PDF, ZIP or an Office document (docx, pptx, xlsx).</summary>
    File,
    /// <summary>A course cover: JPEG, PNG or WebP, stored resized as JPEG (see <see cref="CoverImages"/>).</summary>
    Image,
}

/// <summary>The "KnowledgeHub:Uploads" configuration section: the largest upload of each kind, in bytes.</summary>
public sealed class UploadLimits
{
    public const string Section = "KnowledgeHub:Uploads";

    public long VideoMaxBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public long FileMaxBytes { get; set; } = 100L * 1024 * 1024;
    public long ImageMaxBytes { get; set; } = 5L * 1024 * 1024;

    public long MaxBytes(UploadKind kind) => kind switch
    {
        UploadKind.Video => VideoMaxBytes,
        UploadKind.File => FileMaxBytes,
        UploadKind.Image => ImageMaxBytes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The largest upload of any kind: what the server must let through for the upload endpoint.</summary>
    public long LargestMaxBytes => Math.Max(VideoMaxBytes, Math.Max(FileMaxBytes, ImageMaxBytes));

    public static IReadOnlyList<FileType> Accepted(UploadKind kind) => kind switch
    {
        UploadKind.Video => [FileType.Mp4, FileType.WebM],
        UploadKind.File => [FileType.Pdf, FileType.Zip, FileType.Docx, FileType.Pptx, FileType.Xlsx],
        UploadKind.Image => [FileType.Jpeg, FileType.Png, FileType.WebP],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool Accepts(UploadKind kind, FileType? type) => type is not null && Accepted(kind).Contains(type);
}
