using System.Text;

namespace KnowledgeHub.Domain.Payments.WeChat;

/// <summary>
/// "KnowledgeHub:Payments:WeChat": a directly connected merchant (普通商户) of WeChat Pay API v3, paying by Native QR code.
/// Secrets (the merchant private key, the APIv3 key) come from the environment or a secret store, never the repository.
/// </summary>
public sealed class WeChatPayOptions
{
    public const string Section = PaymentOptions.Section + ":WeChat";

    public bool Enabled { get; set; }

    /// <summary>The appid bound to the merchant (official account, mini program or mobile app).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The merchant number (mchid).</summary>
    public string MerchantId { get; set; } = "";

    /// <summary>Serial number of the merchant API certificate, sent as serial_no in the Authorization header.</summary>
    public string MerchantSerialNumber { get; set; } = "";

    /// <summary>PEM of the merchant API private key (apiclient_key.pem, PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY").</summary>
    public string MerchantPrivateKey { get; set; } = "";

    /// <summary>The APIv3 key set in the merchant platform: 32 bytes of UTF-8 text, the AES-256-GCM key of notifications.</summary>
    public string ApiV3Key { get; set; } = "";

    /// <summary>
    /// PEM of the key WeChat Pay signs responses and notifications with: the platform certificate's public key, the platform
    /// certificate itself, or a "WeChat Pay public key" (微信支付公钥).
    /// </summary>
    public string PlatformPublicKey { get; set; } = "";

    /// <summary>The Wechatpay-Serial that signed traffic must carry: the platform certificate serial, or the public key id (PUB_KEY_ID_...).</summary>
    public string PlatformSerial { get; set; } = "";

    /// <summary>API host. The default is the nearest access point; https://api2.mch.weixin.qq.com is the documented backup; tests use a loopback fake.</summary>
    public string ApiBase { get; set; } = "https://api.mch.weixin.qq.com";

    /// <summary>True when every key needed to sign requests, verify responses and decrypt notifications is present.</summary>
    public bool HasKeys =>
        !string.IsNullOrWhiteSpace(AppId)
        && !string.IsNullOrWhiteSpace(MerchantId)
        && !string.IsNullOrWhiteSpace(MerchantSerialNumber)
        && !string.IsNullOrWhiteSpace(MerchantPrivateKey)
        && !string.IsNullOrWhiteSpace(PlatformPublicKey)
        && !string.IsNullOrWhiteSpace(PlatformSerial)
        && !string.IsNullOrWhiteSpace(ApiBase)
        && Encoding.UTF8.GetByteCount(ApiV3Key ?? "") == 32;
}
