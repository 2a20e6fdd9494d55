using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

/// <summary>
/// A merchant and a "WeChat Pay platform" with fresh RSA-2048 keys and a random APIv3 key, the gateway built through
/// <see cref="WeChatPayServiceCollectionExtensions.AddWeChatPayGateway"/>, and notifications built the way WeChat Pay
/// documents them (independently of the production code: AesGcm and RSA straight from System.Security.Cryptography).
/// </summary>
public sealed class WeChatPayTestKit : IDisposable
{
    public const string AppId = "wx8888888888888888";
    public const string MerchantId = "1900000109";
    public const string MerchantSerial = "444F4864EA9B34415C1FE3D0E4C8B3C4E0B1D2A6";
    public const string PlatformSerial = "PUB_KEY_ID_0119000001092025060100000000";

    private const string Alphanumerics = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private readonly List<ServiceProvider> providers = [];

    // RSA-2048 generation takes a while on a busy machine: four keys are generated once per test run, and each kit
    // imports its own RSA instances from them. A kit made with otherKeys holds a different merchant and platform pair.
    private static readonly Lazy<byte[][]> GeneratedKeys = new(() => [.. Enumerable.Range(0, 4).Select(_ =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    })]);

    public WeChatPayTestKit(bool otherKeys = false)
    {
        var keys = GeneratedKeys.Value;
        MerchantKey.ImportPkcs8PrivateKey(keys[otherKeys ? 2 : 0], out _);
        PlatformKey.ImportPkcs8PrivateKey(keys[otherKeys ? 3 : 1], out _);
    }

    public RSA MerchantKey { get; } = RSA.Create();
    public RSA PlatformKey { get; } = RSA.Create();
    public string ApiV3Key { get; } = RandomNumberGenerator.GetString(Alphanumerics, 32);

    /// <summary>2025-06-01 12:00 in Beijing.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 4, 0, 0, TimeSpan.Zero));

    public Dictionary<string, string?> Settings(string apiBase = "http://127.0.0.1:1") => new()
    {
        [$"{WeChatPayOptions.Section}:Enabled"] = "true",
        [$"{WeChatPayOptions.Section}:AppId"] = AppId,
        [$"{WeChatPayOptions.Section}:MerchantId"] = MerchantId,
        [$"{WeChatPayOptions.Section}:MerchantSerialNumber"] = MerchantSerial,
        [$"{WeChatPayOptions.Section}:MerchantPrivateKey"] = MerchantKey.ExportPkcs8PrivateKeyPem(),
        [$"{WeChatPayOptions.Section}:ApiV3Key"] = ApiV3Key,
        [$"{WeChatPayOptions.Section}:PlatformPublicKey"] = PlatformKey.ExportSubjectPublicKeyInfoPem(),
        [$"{WeChatPayOptions.Section}:PlatformSerial"] = PlatformSerial,
        [$"{WeChatPayOptions.Section}:ApiBase"] = apiBase,
    };

    public ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddWeChatPayGateway(configuration);
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    public IPaymentGateway Gateway(string apiBase = "http://127.0.0.1:1") =>
        Services(Settings(apiBase)).GetRequiredService<IPaymentGateway>();

    public static JsonObject PaymentResource(string tradeState = "SUCCESS", string mchid = MerchantId, string appid = AppId) => new()
    {
        ["appid"] = appid,
        ["mchid"] = mchid,
        ["out_trade_no"] = "KH20250601000042",
        ["transaction_id"] = "4200002520202506011234567890",
        ["trade_type"] = "NATIVE",
        ["trade_state"] = tradeState,
        ["trade_state_desc"] = tradeState == "SUCCESS" ? "支付成功" : "订单已关闭",
        ["bank_type"] = "OTHERS",
        ["attach"] = "",
        ["success_time"] = "2025-06-01T11:59:30+08:00",
        ["payer"] = new JsonObject { ["openid"] = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        ["amount"] = new JsonObject { ["total"] = 4990, ["payer_total"] = 3990, ["currency"] = "CNY", ["payer_currency"] = "CNY" },
    };

    public static JsonObject RefundResource(string refundStatus = "SUCCESS", string mchid = MerchantId) => new()
    {
        ["mchid"] = mchid,
        ["out_trade_no"] = "KH20250601000042",
        ["transaction_id"] = "4200002520202506011234567890",
        ["out_refund_no"] = "RF20250601000007",
        ["refund_id"] = "50300603202025060112345678901",
        ["refund_status"] = refundStatus,
        ["success_time"] = "2025-06-01T11:58:00+08:00",
        ["user_received_account"] = "支付用户零钱",
        ["amount"] = new JsonObject { ["total"] = 4990, ["refund"] = 1990, ["payer_total"] = 4990, ["payer_refund"] = 1990 },
    };

    /// <summary>The documented envelope: id, create_time, resource_type, event_type, summary, resource {original_type, algorithm, ciphertext, associated_data, nonce}.</summary>
    public byte[] NotificationBody(string eventType, JsonObject resource, string id = "EV-2025060112000012345", Func<string, string>? tamperCiphertext = null)
    {
        var originalType = eventType.StartsWith("REFUND.", StringComparison.Ordinal) ? "refund" : "transaction";
        var nonce = RandomNumberGenerator.GetString(Alphanumerics, 12);
        var associatedData = originalType;
        var plaintext = Encoding.UTF8.GetBytes(resource.ToJsonString());
        var cipher = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
            aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plaintext, cipher, tag, Encoding.UTF8.GetBytes(associatedData));
        var ciphertext = Convert.ToBase64String([.. cipher, .. tag]);
        if (tamperCiphertext is not null) ciphertext = tamperCiphertext(ciphertext);

        var envelope = new JsonObject
        {
            ["id"] = id,
            ["create_time"] = "2025-06-01T12:00:00+08:00",
            ["resource_type"] = "encrypt-resource",
            ["event_type"] = eventType,
            ["summary"] = originalType == "refund" ? "退款成功" : "支付成功",
            ["resource"] = new JsonObject
            {
                ["original_type"] = originalType,
                ["algorithm"] = "AEAD_AES_256_GCM",
                ["ciphertext"] = ciphertext,
                ["associated_data"] = associatedData,
                ["nonce"] = nonce,
            },
        };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>Headers as WeChat Pay sends them: the signature is SHA256withRSA over "timestamp\nnonce\nbody\n".</summary>
    public Dictionary<string, string> SignedHeaders(byte[] body, long? timestamp = null, string serial = PlatformSerial, RSA? signingKey = null)
    {
        var ts = (timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds()).ToString();
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        byte[] message = [.. Encoding.UTF8.GetBytes($"{ts}\n{nonce}\n"), .. body, (byte)'\n'];
        var signature = (signingKey ?? PlatformKey).SignData(message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = ts,
            ["Wechatpay-Nonce"] = nonce,
            ["Wechatpay-Signature"] = Convert.ToBase64String(signature),
            ["Wechatpay-Serial"] = serial,
        };
    }

    public WebhookRequest Notification(string eventType, JsonObject resource) =>
        Signed(NotificationBody(eventType, resource));

    public WebhookRequest Signed(byte[] body) => new(body, "application/json", SignedHeaders(body));

    public void Dispose()
    {
        foreach (var provider in providers) provider.Dispose();
        MerchantKey.Dispose();
        PlatformKey.Dispose();
    }
}
