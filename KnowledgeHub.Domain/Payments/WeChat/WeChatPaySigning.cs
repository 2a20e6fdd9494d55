using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace KnowledgeHub.Domain.Payments.WeChat;

/// <summary>
/// The cryptography of WeChat Pay API v3, without the SDK: SHA256withRSA (PKCS#1 v1.5) request signatures in the
/// <c>WECHATPAY2-SHA256-RSA2048</c> Authorization scheme, verification of the platform's response and notification
/// signatures, and AEAD_AES_256_GCM decryption of notification resources with the APIv3 key.
/// </summary>
internal static class WeChatPaySigning
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";
    public const string Algorithm = "AEAD_AES_256_GCM";
    private const int TagBytes = 16;
    private const int NonceBytes = 12;

    /// <summary>Request message: five lines, each ending in \n, the last one the exact body ("" for GET).</summary>
    public static string RequestMessage(string method, string pathAndQuery, long timestamp, string nonce, string body) =>
        $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{timestamp.ToString(CultureInfo.InvariantCulture)}\n{nonce}\n{body}\n";

    /// <summary>Response/notification message over the exact body bytes: timestamp\n nonce\n body\n (an empty body is just "\n").</summary>
    public static byte[] ResponseMessage(string timestamp, string nonce, ReadOnlySpan<byte> body)
    {
        var head = Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n");
        var message = new byte[head.Length + body.Length + 1];
        head.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(head.Length));
        message[^1] = (byte)'\n';
        return message;
    }

    public static string Sign(RSA key, string message) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(message), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    /// <summary>False for a malformed (not base64) or wrong signature, including WeChat's "WECHATPAY/SIGNTEST/" probes.</summary>
    public static bool Verify(RSA key, byte[] message, string signatureBase64)
    {
        var signature = new byte[signatureBase64.Length];
        if (!Convert.TryFromBase64String(signatureBase64, signature, out var length)) return false;
        try
        {
            return key.VerifyData(message, signature.AsSpan(0, length), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>The Authorization header value for one request.</summary>
    public static string Authorization(string merchantId, string serialNumber, RSA merchantKey,
        string method, string pathAndQuery, long timestamp, string nonce, string body)
    {
        var signature = Sign(merchantKey, RequestMessage(method, pathAndQuery, timestamp, nonce, body));
        return $"{Scheme} mchid=\"{merchantId}\",nonce_str=\"{nonce}\",signature=\"{signature}\","
             + $"timestamp=\"{timestamp.ToString(CultureInfo.InvariantCulture)}\",serial_no=\"{serialNumber}\"";
    }

    /// <summary>32 upper-case hex characters from a CSPRNG.</summary>
    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Decrypts a notification resource: key = APIv3 key (32 UTF-8 bytes), nonce = 12 UTF-8 bytes, AAD = associated_data,
    /// ciphertext = base64 of ciphertext || 16-byte tag. Throws <see cref="CryptographicException"/> when the tag does not match.
    /// </summary>
    public static string Decrypt(byte[] apiV3Key, string nonce, string? associatedData, string ciphertextBase64)
    {
        var nonceBytes = Encoding.UTF8.GetBytes(nonce);
        if (nonceBytes.Length != NonceBytes) throw new CryptographicException($"The resource nonce must be {NonceBytes} bytes.");
        var sealedBytes = Convert.FromBase64String(ciphertextBase64);
        if (sealedBytes.Length < TagBytes) throw new CryptographicException("The resource ciphertext is shorter than its tag.");
        var cipherLength = sealedBytes.Length - TagBytes;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(apiV3Key, TagBytes);
        aes.Decrypt(nonceBytes, sealedBytes.AsSpan(0, cipherLength), sealedBytes.AsSpan(cipherLength), plain,
            Encoding.UTF8.GetBytes(associatedData ?? ""));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>The merchant private key from PEM (PKCS#8 or PKCS#1). Escaped "\n" sequences (environment variables) are accepted.</summary>
    public static RSA LoadPrivateKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(Unescape(pem));
        return rsa;
    }

    /// <summary>The platform key from a public key PEM (SubjectPublicKeyInfo or PKCS#1) or from the platform certificate PEM.</summary>
    public static RSA LoadPublicKey(string pem)
    {
        pem = Unescape(pem);
        if (pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey() ?? throw new CryptographicException("The platform certificate does not hold an RSA key.");
        }
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    /// <summary>True when both PEMs load as RSA keys (checked at start-up, so a pasted-wrong key fails early).</summary>
    public static bool KeysAreValid(string merchantPrivateKey, string platformPublicKey)
    {
        try
        {
            using var merchant = LoadPrivateKey(merchantPrivateKey);
            using var platform = LoadPublicKey(platformPublicKey);
            return merchant.KeySize >= 2048 && platform.KeySize >= 2048;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static string Unescape(string pem) => pem.Contains("\\n", StringComparison.Ordinal) ? pem.Replace("\\n", "\n") : pem;
}
