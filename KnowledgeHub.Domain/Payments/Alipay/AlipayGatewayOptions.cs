namespace KnowledgeHub.Domain.Payments.Alipay;

/// <summary>
/// "KnowledgeHub:Payments:Alipay": 支付宝 电脑网站支付 (alipay.trade.page.pay) with public-key (not certificate) signing,
/// RSA2 only. The gateway is registered when <see cref="Enabled"/> and <see cref="AppId"/> and both keys are present.
/// Keys come from configuration or the environment, never from the repository.
/// </summary>
public sealed class AlipayGatewayOptions
{
    public const string Section = PaymentOptions.Section + ":Alipay";
    public const string DefaultGatewayUrl = "https://openapi.alipay.com/gateway.do";

    public bool Enabled { get; set; }

    /// <summary>The application's app_id from the Alipay open platform.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The merchant PID (2088...). Optional: when set, the seller_id of every notification must equal it.</summary>
    public string SellerId { get; set; } = "";

    /// <summary>The application private key: PEM (PKCS#8 "PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"), or the bare base64
    /// body the Alipay key tool prints.</summary>
    public string AppPrivateKey { get; set; } = "";

    /// <summary>The Alipay public key (支付宝公钥, not the application public key): PEM or bare base64 SubjectPublicKeyInfo.</summary>
    public string AlipayPublicKey { get; set; } = "";

    /// <summary>The OpenAPI gateway. Tests point it at a local fake; the sandbox is https://openapi-sandbox.dl.alipaydev.com/gateway.do.</summary>
    public string GatewayUrl { get; set; } = DefaultGatewayUrl;

    /// <summary>Only "utf-8" is supported: it is sent on every request, so Alipay notifies in utf-8 as well.</summary>
    public string Charset { get; set; } = "utf-8";

    public bool HasKeys =>
        !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPrivateKey) && !string.IsNullOrWhiteSpace(AlipayPublicKey);
}
