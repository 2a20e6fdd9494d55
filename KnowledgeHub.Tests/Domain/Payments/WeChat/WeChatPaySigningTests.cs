using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KnowledgeHub.Domain.Payments.WeChat;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

public sealed class WeChatPaySigningTests
{
    [Fact]
    public void Authorization_AnyRequest_FollowsDocumentedSchemeAndVerifies()
    {
        using var merchant = RSA.Create(2048);
        const string body = """{"appid":"wx8888888888888888"}""";

        var header = WeChatPaySigning.Authorization("1900000109", "SERIAL01", merchant, "POST",
            "/v3/pay/transactions/native", 1748750400, "593BEC0C930BF1AFEB40B4A08C8FB242", body);

        Assert.StartsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\",signature=\"", header);
        Assert.EndsWith(",timestamp=\"1748750400\",serial_no=\"SERIAL01\"", header);
        var signature = header.Split("signature=\"")[1].Split('"')[0];
        var message = "POST\n/v3/pay/transactions/native\n1748750400\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + body + "\n";
        Assert.True(merchant.VerifyData(Encoding.UTF8.GetBytes(message), Convert.FromBase64String(signature),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void ResponseMessage_EmptyBody_EndsWithSingleNewline()
    {
        var message = WeChatPaySigning.ResponseMessage("1554209980", "c5ac7061fccab6bf3e254dcf98995b8c", []);

        Assert.Equal("1554209980\nc5ac7061fccab6bf3e254dcf98995b8c\n\n", Encoding.UTF8.GetString(message));
    }

    [Fact]
    public void Verify_NotBase64_ReturnsFalse()
    {
        using var key = RSA.Create(2048);

        Assert.False(WeChatPaySigning.Verify(key, [1, 2, 3], "WECHATPAY/SIGNTEST/%%%"));
    }

    [Fact]
    public void LoadPublicKey_PlatformCertificatePem_VerifiesPlatformSignatures()
    {
        using var platform = RSA.Create(2048);
        var request = new CertificateRequest("CN=Tenpay.com Root CA", platform, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var signature = Convert.ToBase64String(platform.SignData("m\n"u8.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        using var loaded = WeChatPaySigning.LoadPublicKey(certificate.ExportCertificatePem());

        Assert.True(WeChatPaySigning.Verify(loaded, "m\n"u8.ToArray(), signature));
    }

    [Fact]
    public void LoadPrivateKey_PemWithEscapedNewlines_Loads()
    {
        using var merchant = RSA.Create(2048);
        var escaped = merchant.ExportRSAPrivateKeyPem().Replace("\n", "\\n");

        using var loaded = WeChatPaySigning.LoadPrivateKey(escaped);

        Assert.Equal(merchant.ExportSubjectPublicKeyInfo(), loaded.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Rfc3339China_UtcInstant_IsBeijingTimeWithOffset()
    {
        Assert.Equal("2025-06-01T00:30:00+08:00", WeChatPayGateway.Rfc3339China(new DateTime(2025, 5, 31, 16, 30, 0, DateTimeKind.Utc)));
    }
}
