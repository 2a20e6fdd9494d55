using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Tests.Domain.Storage;

public sealed class FileSignaturesTests
{
    public static TheoryData<string, byte[], string?, string?> Samples => new()
    {
        { "mp4", MediaSamples.Mp4(), "lesson.mp4", "video/mp4" },
        { "mp4 named .mov", MediaSamples.Mp4(), "lesson.mov", "video/mp4" },
        { "webm", MediaSamples.WebM(), "lesson.webm", "video/webm" },
        { "matroska", MediaSamples.Matroska(), "lesson.mkv", "video/x-matroska" },
        { "pdf", MediaSamples.Pdf(), "notes.pdf", "application/pdf" },
        { "zip", MediaSamples.Zip(), "code.zip", "application/zip" },
        { "zip named .pptx", MediaSamples.Zip(), "slides.pptx", FileType.Pptx.ContentType },
        { "zip named .docx", MediaSamples.Zip(), "notes.DOCX", FileType.Docx.ContentType },
        { "zip named .xlsx", MediaSamples.Zip(), "data.xlsx", FileType.Xlsx.ContentType },
        { "jpeg", MediaSamples.Jpeg(), "cover.jpg", "image/jpeg" },
        { "png", MediaSamples.Png(), "cover.png", "image/png" },
        { "webp", MediaSamples.WebP(), "cover.webp", "image/webp" },
        { "png named .jpg", MediaSamples.Png(), "cover.jpg", "image/png" },
        { "exe renamed .mp4", MediaSamples.Exe(), "lesson.mp4", null },
        { "exe renamed .pdf", MediaSamples.Exe(), "notes.pdf", null },
        { "text renamed .mp4", "hello, this is not a video"u8.ToArray(), "lesson.mp4", null },
        { "html renamed .png", "<html><script>alert(1)</script></html>"u8.ToArray(), "cover.png", null },
        { "heif still image", [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8], "photo.mp4", null },
        { "zero bytes", [], "lesson.mp4", null },
        { "three bytes", [0x00, 0x00, 0x00], "lesson.mp4", null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Detect_FirstBytes_TypeFromContentNotName(string sample, byte[] content, string? fileName, string? expected)
    {
        var header = content.AsSpan(0, Math.Min(content.Length, FileSignatures.HeaderLength));

        var type = FileSignatures.Detect(header, fileName);

        Assert.True(expected == type?.ContentType, $"{sample}: expected {expected ?? "nothing"}, got {type?.ContentType ?? "nothing"}");
    }

    [Theory]
    [InlineData(UploadKind.Video, "video/mp4", true)]
    [InlineData(UploadKind.Video, "video/webm", true)]
    [InlineData(UploadKind.Video, "video/x-matroska", false)]
    [InlineData(UploadKind.Video, "application/pdf", false)]
    [InlineData(UploadKind.File, "application/pdf", true)]
    [InlineData(UploadKind.File, "application/zip", true)]
    [InlineData(UploadKind.File, "application/vnd.openxmlformats-officedocument.presentationml.presentation", true)]
    [InlineData(UploadKind.File, "video/mp4", false)]
    [InlineData(UploadKind.File, "image/png", false)]
    [InlineData(UploadKind.Image, "image/jpeg", true)]
    [InlineData(UploadKind.Image, "image/png", true)]
    [InlineData(UploadKind.Image, "image/webp", true)]
    [InlineData(UploadKind.Image, "application/pdf", false)]
    public void Accepts_KindAndType_OnlyTheListedTypes(UploadKind kind, string contentType, bool accepted)
    {
        Assert.Equal(accepted, UploadLimits.Accepts(kind, FileType.All.Single(t => t.ContentType == contentType)));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef.mp4", true)]
    [InlineData("0123456789abcdef0123456789abcdef-1280x720.jpg", true)]
    [InlineData("../0123456789abcdef0123456789abcdef.mp4", false)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.mp4", false)]
    [InlineData("0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef.mp4/../../knowledgehub.db", false)]
    [InlineData("", false)]
    public void FileKeys_IsValid_OnlyGeneratedShapes(string key, bool valid)
    {
        Assert.Equal(valid, FileKeys.IsValid(key));
    }

    [Fact]
    public void FileKeys_New_UniqueAndCarriesTheExtension()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => FileKeys.New(FileType.Mp4)).ToHashSet();

        Assert.Equal(1000, keys.Count);
        Assert.All(keys, k => Assert.Equal(FileType.Mp4, FileKeys.TypeOf(k)));
    }
}
