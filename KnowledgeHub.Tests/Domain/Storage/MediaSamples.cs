using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace KnowledgeHub.Tests.Domain.Storage;

/// <summary>Small files with real headers (and, for images and archives, real content) made in the test.</summary>
public static class MediaSamples
{
    /// <summary>An MP4 'ftyp' box (isom brand) followed by filler: enough for the signature check and byte-exact reads.</summary>
    public static byte[] Mp4(int length = 4096)
    {
        byte[] box = [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2mp41"u8];
        return Pad(box, length);
    }

    /// <summary>The EBML header of a WebM file (DocType "webm") followed by filler.</summary>
    public static byte[] WebM(int length = 4096)
    {
        byte[] header = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04,
            0x42, 0xF3, 0x81, 0x08, 0x42, 0x82, 0x84, .. "webm"u8, 0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02];
        return Pad(header, length);
    }

    public static byte[] Matroska(int length = 1024)
    {
        byte[] header = [0x1A, 0x45, 0xDF, 0xA3, 0xA3, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x88, .. "matroska"u8];
        return Pad(header, length);
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>A real ZIP archive; named .docx it is what Office writes (a ZIP with [Content_Types].xml).</summary>
    public static byte[] Zip()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        }
        return buffer.ToArray();
    }

    /// <summary>A Windows executable's header: what an .exe renamed .mp4 starts with.</summary>
    public static byte[] Exe() => Pad([.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, .. "This program cannot be run in DOS mode."u8], 2048);

    public static byte[] Jpeg(int width = 64, int height = 48) => Image(width, height, SKEncodedImageFormat.Jpeg);
    public static byte[] Png(int width = 64, int height = 48) => Image(width, height, SKEncodedImageFormat.Png);
    public static byte[] WebP(int width = 64, int height = 48) => Image(width, height, SKEncodedImageFormat.Webp);

    /// <summary>An image whose left half is red and right half blue (to see crops and turns).</summary>
    public static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF APP1 segment giving <paramref name="orientation"/> (6 = stored turned, show 90° clockwise).</summary>
    public static byte[] JpegWithOrientation(int width, int height, ushort orientation)
    {
        var jpeg = Jpeg(width, height);
        byte[] tiff = [.. "MM"u8, 0, 0x2A, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, 0, 0, 0, 0];
        byte[] payload = [.. "Exif"u8, 0, 0, .. tiff];
        var length = payload.Length + 2;
        byte[] app1 = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
        return [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)];
    }

    /// <summary>A valid PNG header claiming <paramref name="width"/> × <paramref name="height"/> pixels, with a few bytes of image data.</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        byte[] ihdr = [.. "IHDR"u8, (byte)(width >> 24), (byte)(width >> 16), (byte)(width >> 8), (byte)width,
            (byte)(height >> 24), (byte)(height >> 16), (byte)(height >> 8), (byte)height, 8, 6, 0, 0, 0];
        byte[] idat = [.. "IDAT"u8, 0x78, 0x9C, 0x63, 0x00, 0x00];
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, .. ihdr, .. BigEndian(Crc32(ihdr)),
            0, 0, 0, (byte)(idat.Length - 4), .. idat, .. BigEndian(Crc32(idat))];
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    /// <summary><paramref name="head"/> then bytes 0..255 repeating, <paramref name="length"/> in all.</summary>
    public static byte[] Pad(byte[] head, int length)
    {
        var bytes = new byte[Math.Max(length, head.Length)];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < bytes.Length; i++) bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }

    /// <summary>Every file under <paramref name="folder"/>, temporary ones included.</summary>
    public static string[] FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories) : [];
}
