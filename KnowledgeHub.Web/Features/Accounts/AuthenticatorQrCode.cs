using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using QRCoder;

namespace KnowledgeHub.Web.Features.Accounts;

/// <summary>The otpauth:// address an authenticator app scans, and its QR code as inline SVG (rendered on the server: no script).</summary>
public static class AuthenticatorQrCode
{
    public const string Issuer = "KnowledgeHub";

    public static string Uri(string email, string unformattedKey) => string.Format(CultureInfo.InvariantCulture,
        "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6", UrlEncoder.Default.Encode(Issuer), UrlEncoder.Default.Encode(email), unformattedKey);

    /// <summary>A square SVG that scales to its container (viewBox, no width/height).</summary>
    public static string Svg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The key in groups of four, lower case, as the default UI shows it: "abcd efgh ijkl …".</summary>
    public static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        for (var i = 0; i < unformattedKey.Length; i += 4)
        {
            if (i > 0) result.Append(' ');
            result.Append(unformattedKey.AsSpan(i, Math.Min(4, unformattedKey.Length - i)));
        }
        return result.ToString().ToLowerInvariant();
    }
}
