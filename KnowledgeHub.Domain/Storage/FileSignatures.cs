namespace KnowledgeHub.Domain.Storage;

/// <summary>A kind of content the app accepts, as recognised from its first bytes.</summary>
public sealed record FileType(string ContentType, string Extension)
{
    public static readonly FileType Mp4 = new("video/mp4", ".mp4");
    public static readonly FileType WebM = new("video/webm", ".webm");
    /// <summary>Recognised so the message can say what it is; not accepted (browsers play WebM and MP4 reliably).</summary>
    public static readonly FileType Matroska = new("video/x-matroska", ".mkv");
    public static readonly FileType Pdf = new("application/pdf", ".pdf");
    public static readonly FileType Zip = new("application/zip", ".zip");
    public static readonly FileType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly FileType Pptx = new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
    public static readonly FileType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg");
    public static readonly FileType Png = new("image/png", ".png");
    public static readonly FileType WebP = new("image/webp", ".webp");

    public static readonly IReadOnlyList<FileType> All = [Mp4, WebM, Matroska, Pdf, Zip, Docx, Pptx, Xlsx, Jpeg, Png, WebP];

    public bool IsVideo => ContentType.StartsWith("video/", StringComparison.Ordinal);
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>The type a stored key stands for: keys end with the extension of the type detected when the file was stored.</summary>
    public static FileType? FromExtension(string extension) =>
        All.FirstOrDefault(t => string.Equals(t.Extension, extension, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Tells what a file is from its first bytes ("magic numbers"), never from its name or the Content-Type a client sent:
/// an .exe renamed .mp4 is still an executable. The only use of the name is to tell the Office formats apart, which are
/// all ZIP archives (the content decides that it is a ZIP; a ZIP is harmless to store and is always served as a download).
/// </summary>
public static class FileSignatures
{
    /// <summary>How many leading bytes <see cref="Detect"/> wants to see (fewer is fine for a shorter file).</summary>
    public const int HeaderLength = 512;

    private static readonly HashSet<string> ImageBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis"];

    /// <summary>The type of content starting with <paramref name="header"/>, or null when it is none the app accepts.</summary>
    public static FileType? Detect(ReadOnlySpan<byte> header, string? fileName = null)
    {
        if (header.Length >= 12 && header[4..8].SequenceEqual("ftyp"u8))
        {
            // ISO base media (MP4, M4V, MOV-compatible MP4). HEIF/AVIF still images share the box layout: not videos.
            var brand = System.Text.Encoding.ASCII.GetString(header[8..12]);
            return ImageBrands.Contains(brand) ? null : FileType.Mp4;
        }
        if (header.Length >= 4 && header[..4].SequenceEqual<byte>([0x1A, 0x45, 0xDF, 0xA3]))
        {
            // EBML: the DocType element (0x42 0x82) says webm or matroska, within the first few dozen bytes.
            if (header.IndexOf("webm"u8) >= 0) return FileType.WebM;
            return header.IndexOf("matroska"u8) >= 0 ? FileType.Matroska : null;
        }
        if (header.Length >= 5 && header[..5].SequenceEqual("%PDF-"u8)) return FileType.Pdf;
        if (header.Length >= 4 && header[..4].SequenceEqual<byte>([0x50, 0x4B, 0x03, 0x04]))
        {
            return Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
            {
                ".docx" => FileType.Docx,
                ".pptx" => FileType.Pptx,
                ".xlsx" => FileType.Xlsx,
                _ => FileType.Zip,
            };
        }
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF) return FileType.Jpeg;
        if (header.Length >= 8 && header[..8].SequenceEqual<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return FileType.Png;
        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return FileType.WebP;
        return null;
    }
}
