using KnowledgeHub.Domain.Common;
using SkiaSharp;

namespace KnowledgeHub.Domain.Storage;

/// <summary>One stored size of a course cover.</summary>
public sealed record CoverSize(int Width, int Height)
{
    public string Variant => $"{Width}x{Height}";
}

/// <summary>
/// Course covers: an uploaded JPEG, PNG or WebP is decoded with SkiaSharp, turned upright (EXIF orientation), cropped
/// to 16:9 around its centre and stored as JPEG in <see cref="Sizes"/> (transparent areas on white). Both renditions share
/// one id: the key returned by the upload is the large one, <see cref="KeyFor"/> gives the others. A file that does not
/// decode completely is refused, as is one with more than <see cref="MaxPixels"/> pixels (a few-KB PNG can claim
/// 20,000 × 20,000 pixels and would take gigabytes to decode).
/// </summary>
public static class CoverImages
{
    public static readonly CoverSize Large = new(1280, 720);
    public static readonly CoverSize Small = new(480, 270);
    public static readonly IReadOnlyList<CoverSize> Sizes = [Large, Small];
    public const long MaxPixels = 40_000_000;
    public const int JpegQuality = 85;

    /// <summary>The key of another size of the cover stored under <paramref name="coverKey"/>; null when it is not a cover key.</summary>
    public static string? KeyFor(string coverKey, CoverSize size)
    {
        if (!FileKeys.IsValid(coverKey) || !Sizes.Any(s => coverKey.EndsWith($"-{s.Variant}{FileType.Jpeg.Extension}", StringComparison.Ordinal)))
            return null;
        return FileKeys.WithVariant(coverKey[..32], size.Variant, FileType.Jpeg);
    }

    /// <summary>The JPEG renditions of an image, largest first, or a failure (broken image, too many pixels).</summary>
    public static Result<IReadOnlyList<(CoverSize Size, byte[] Jpeg)>> Render(ReadOnlySpan<byte> image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null) return Broken();
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0) return Broken();
        if ((long)width * height > MaxPixels)
            return Result<IReadOnlyList<(CoverSize, byte[])>>.Fail("upload.image-too-many-pixels", "UploadImageTooManyPixels");

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        // IncompleteInput (a truncated file) decodes the top and leaves the rest blank: refused like any other failure.
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success) return Broken();
        bitmap.SetImmutable();
        using var source = SKImage.FromBitmap(bitmap);

        var origin = codec.EncodedOrigin;
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = turned ? (height, width) : (width, height);
        var renditions = new List<(CoverSize, byte[])>();
        foreach (var size in Sizes)
        {
            using var surface = SKSurface.Create(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
            var canvas = surface.Canvas;
            canvas.Clear(SKColors.White);
            // Cover the target: scale so both sides reach it, centre, crop the overflow.
            var scale = Math.Max((float)size.Width / uprightWidth, (float)size.Height / uprightHeight);
            canvas.Translate((size.Width - uprightWidth * scale) / 2, (size.Height - uprightHeight * scale) / 2);
            canvas.Scale(scale);
            canvas.Concat(Upright(origin, width, height));
            canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            canvas.Flush();
            using var snapshot = surface.Snapshot();
            using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
            renditions.Add((size, jpeg.ToArray()));
        }
        return Result.Ok<IReadOnlyList<(CoverSize, byte[])>>(renditions);
    }

    private static Result<IReadOnlyList<(CoverSize, byte[])>> Broken() =>
        Result<IReadOnlyList<(CoverSize, byte[])>>.Fail("upload.broken-image", "UploadBrokenImage");

    /// <summary>Maps stored pixels (w × h) to upright ones, per the EXIF orientation the codec read.</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        // x' = ScaleX·x + SkewX·y + TransX;  y' = SkewY·x + ScaleY·y + TransY
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),        // mirrored
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),    // 180°
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),      // flipped
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),          // transposed
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),        // 90° clockwise
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),    // transverse
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),      // 90° counter-clockwise
        _ => SKMatrix.Identity,
    };
}
