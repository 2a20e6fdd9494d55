using System.Security.Cryptography;
using System.Text;

namespace KnowledgeHub.Domain.Payments.Alipay;

/// <summary>
/// RSA2 (SHA256withRSA, PKCS#1 v1.5, base64) signing with the application private key and verification with the Alipay
/// public key, plus the two canonical strings Alipay signs:
/// <list type="bullet">
/// <item>requests: every parameter except <c>sign</c> and empty values, sorted by key in ASCII order, joined as k=v with &amp;,
/// values not URL-encoded (<c>sign_type</c> is included);</item>
/// <item>async notifications: every parameter except <c>sign</c> and <c>sign_type</c>, URL-decoded, sorted and joined the same way;</item>
/// <item>synchronous responses: the exact JSON text of the <c>xxx_response</c> value as received (see <see cref="AlipayGateway"/>).</item>
/// </list>
/// Keys are kept as DER bytes and imported per operation, so one instance is safe to share between threads.
/// </summary>
public sealed class AlipaySignature
{
    private readonly byte[] appPrivateKeyPkcs8;
    private readonly byte[] alipayPublicKeySpki;

    /// <exception cref="InvalidOperationException">A key is not a usable RSA key (the message names which, never the key).</exception>
    public AlipaySignature(string appPrivateKey, string alipayPublicKey)
    {
        appPrivateKeyPkcs8 = ReadPrivateKey(appPrivateKey);
        alipayPublicKeySpki = ReadPublicKey(alipayPublicKey);
    }

    /// <summary>Signs <paramref name="content"/> (UTF-8) with the application private key; returns base64.</summary>
    public string Sign(string content)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(appPrivateKeyPkcs8, out _);
        return Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>True when <paramref name="signatureBase64"/> is Alipay's RSA2 signature over the UTF-8 bytes of <paramref name="content"/>.</summary>
    public bool Verify(string content, string? signatureBase64) => Verify(Encoding.UTF8.GetBytes(content), signatureBase64);

    /// <summary>True when <paramref name="signatureBase64"/> is Alipay's RSA2 signature over exactly <paramref name="content"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> content, string? signatureBase64)
    {
        if (string.IsNullOrEmpty(signatureBase64)) return false;
        byte[] signature;
        try { signature = Convert.FromBase64String(signatureBase64); }
        catch (FormatException) { return false; }
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(alipayPublicKeySpki, out _);
        try { return rsa.VerifyData(content, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1); }
        catch (CryptographicException) { return false; }
    }

    /// <summary>The string a request signs: all parameters but <c>sign</c> and empty values, sorted (ordinal), k=v joined by &amp;.</summary>
    public static string RequestContent(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Join(parameters.Where(p => p.Key != "sign" && !string.IsNullOrEmpty(p.Value)));

    /// <summary>
    /// The string an async notification signs: all decoded parameters but <c>sign</c> and <c>sign_type</c>, sorted (ordinal).
    /// Alipay's own SDKs differ on parameters with an empty value (Java keeps "k=", PHP drops them), so the caller may try both.
    /// </summary>
    public static string NotifyContent(IEnumerable<KeyValuePair<string, string>> parameters, bool includeEmptyValues) =>
        Join(parameters.Where(p => p.Key is not ("sign" or "sign_type") && (includeEmptyValues || p.Value.Length > 0)));

    private static string Join(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    /// <summary>True when both strings load as RSA keys (used to validate options at start-up).</summary>
    public static bool KeysAreValid(string appPrivateKey, string alipayPublicKey)
    {
        try
        {
            _ = new AlipaySignature(appPrivateKey, alipayPublicKey);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] ReadPrivateKey(string text)
    {
        using var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                rsa.ImportFromPem(text);
            }
            else
            {
                var der = Convert.FromBase64String(StripWhitespace(text));
                try { rsa.ImportPkcs8PrivateKey(der, out _); }
                catch (CryptographicException) { rsa.ImportRSAPrivateKey(der, out _); }
            }
            return rsa.ExportPkcs8PrivateKey(); // throws when only a public key was given
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{AlipayGatewayOptions.Section}:AppPrivateKey is not an RSA private key (PEM PKCS#8 or PKCS#1, or its base64 body).", e);
        }
    }

    private static byte[] ReadPublicKey(string text)
    {
        using var rsa = RSA.Create();
        try
        {
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
                rsa.ImportFromPem(text);
            else
                rsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(StripWhitespace(text)), out _);
            return rsa.ExportSubjectPublicKeyInfo();
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{AlipayGatewayOptions.Section}:AlipayPublicKey is not an RSA public key (PEM or its base64 body).", e);
        }
    }

    private static string StripWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
