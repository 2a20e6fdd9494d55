using KnowledgeHub.Domain.Storage;
using SkiaSharp;

namespace KnowledgeHub.Tests.Domain.Storage;

public sealed class CoverImagesTests
{
    public static TheoryData<string, byte[]> Images => new()
    {
        { "jpeg landscape", MediaSamples.Jpeg(2000, 1000) },
        { "png portrait", MediaSamples.Png(300, 900) },
        { "webp small", MediaSamples.WebP(100, 60) },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Render_AnyImage_JpegsOfTheStandardSizes(string sample, byte[] image)
    {
        var result = CoverImages.Render(image);

        Assert.True(result.IsSuccess, $"{sample}: {result.Error?.Code}");
        Assert.Equal(CoverImages.Sizes, result.Value!.Select(r => r.Size));
        foreach (var (size, jpeg) in result.Value!)
        {
            Assert.Equal(FileType.Jpeg, FileSignatures.Detect(jpeg));
            using var decoded = SKBitmap.Decode(jpeg);
            Assert.Equal((size.Width, size.Height), (decoded.Width, decoded.Height));
        }
    }

    [Fact]
    public void Render_Landscape_CroppedAroundTheCentre()
    {
        // 2000 × 1000, left half red: the 16:9 crop keeps the middle, so the left edge is red and the right edge blue.
        var (_, jpeg) = CoverImages.Render(MediaSamples.Jpeg(2000, 1000)).Value![0];
        using var decoded = SKBitmap.Decode(jpeg);

        Assert.True(IsRed(decoded.GetPixel(20, 360)));
        Assert.True(IsBlue(decoded.GetPixel(1260, 360)));
    }

    [Fact]
    public void Render_ExifOrientation6_TurnedUpright()
    {
        // Stored 400 × 200 with the left half red; orientation 6 shows it turned 90° clockwise: 200 × 400, red on top.
        var (_, jpeg) = CoverImages.Render(MediaSamples.JpegWithOrientation(400, 200, orientation: 6)).Value![0];
        using var decoded = SKBitmap.Decode(jpeg);

        Assert.True(IsRed(decoded.GetPixel(640, 40)), decoded.GetPixel(640, 40).ToString());
        Assert.True(IsBlue(decoded.GetPixel(640, 680)), decoded.GetPixel(640, 680).ToString());
    }

    [Theory]
    [InlineData("truncated jpeg")]
    [InlineData("jpeg header then noise")]
    [InlineData("png signature only")]
    public void Render_BrokenImage_Refused(string sample)
    {
        var jpeg = MediaSamples.Jpeg(640, 480);
        var image = sample switch
        {
            "truncated jpeg" => jpeg[..(jpeg.Length / 3)],
            "jpeg header then noise" => MediaSamples.Pad([0xFF, 0xD8, 0xFF, 0xE0], 5000),
            _ => MediaSamples.Png()[..16],
        };

        var result = CoverImages.Render(image);

        Assert.Equal("upload.broken-image", result.Error?.Code);
    }

    [Fact]
    public void Render_HugeDimensionsInATinyFile_RefusedBeforeDecoding()
    {
        var result = CoverImages.Render(MediaSamples.PngHeaderOnly(20_000, 20_000));

        Assert.Equal("upload.image-too-many-pixels", result.Error?.Code);
    }

    [Fact]
    public void KeyFor_CoverKey_OtherSizeSameId()
    {
        var large = FileKeys.WithVariant(FileKeys.NewId(), CoverImages.Large.Variant, FileType.Jpeg);

        var small = CoverImages.KeyFor(large, CoverImages.Small);

        Assert.Equal(large[..32] + "-480x270.jpg", small);
        Assert.Equal(large, CoverImages.KeyFor(small!, CoverImages.Large));
        Assert.Null(CoverImages.KeyFor(FileKeys.New(FileType.Mp4), CoverImages.Small));
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 60 && c.Blue < 60;
    private static bool IsBlue(SKColor c) => c.Blue > 200 && c.Red < 60 && c.Green < 60;
}
