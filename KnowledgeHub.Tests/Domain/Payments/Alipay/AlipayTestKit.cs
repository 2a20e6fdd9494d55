using System.Security.Cryptography;
using System.Text;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Alipay;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

/// <summary>
/// Keys generated once per test run (RSA 2048, exported to PEM) and a gateway built the way the app builds it: through
/// <see cref="AlipayServiceCollectionExtensions.AddAlipayGateway"/> and configuration.
/// </summary>
internal static class AlipayTestKit
{
    public const string AppId = "2021000000000001";
    public const string SellerId = "2088000000000001";

    /// <summary>2025-03-01 02:03:04 UTC = 2025-03-01 10:03:04 in China.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 2, 3, 4, TimeSpan.Zero);

    private static readonly Lazy<RSA> app = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> alipay = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> stranger = new(() => RSA.Create(2048));

    /// <summary>Our application key pair: the gateway signs with its private half; Alipay (the fake) verifies with the public half.</summary>
    public static RSA AppKey => app.Value;
    /// <summary>Alipay's key pair: the fake signs notifications and responses with it; the gateway holds the public half.</summary>
    public static RSA AlipayKey => alipay.Value;
    /// <summary>A key nobody trusts, for forgeries.</summary>
    public static RSA StrangerKey => stranger.Value;

    public static string AppPrivateKeyPkcs8Pem => AppKey.ExportPkcs8PrivateKeyPem();
    public static string AppPrivateKeyPkcs1Pem => AppKey.ExportRSAPrivateKeyPem();
    public static string AlipayPublicKeyPem => AlipayKey.ExportSubjectPublicKeyInfoPem();

    public static string Sign(RSA key, string content) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static bool Verify(RSA key, string content, string signature) =>
        key.VerifyData(Encoding.UTF8.GetBytes(content), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public static Dictionary<string, string?> Settings(string? gatewayUrl = null, string? sellerId = SellerId, string? privateKey = null) => new()
    {
        [$"{AlipayGatewayOptions.Section}:Enabled"] = "true",
        [$"{AlipayGatewayOptions.Section}:AppId"] = AppId,
        [$"{AlipayGatewayOptions.Section}:SellerId"] = sellerId,
        [$"{AlipayGatewayOptions.Section}:AppPrivateKey"] = privateKey ?? AppPrivateKeyPkcs8Pem,
        [$"{AlipayGatewayOptions.Section}:AlipayPublicKey"] = AlipayPublicKeyPem,
        [$"{AlipayGatewayOptions.Section}:GatewayUrl"] = gatewayUrl ?? "https://openapi.alipay.com/gateway.do",
    };

    public static ServiceProvider Services(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock ?? new FakeTimeProvider(Now));
        services.AddAlipayGateway(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>The gateway as the app resolves it; the provider is kept alive by the caller's <paramref name="scope"/>.</summary>
    public static IPaymentGateway Gateway(out ServiceProvider scope, string? gatewayUrl = null, string? sellerId = SellerId, string? privateKey = null)
    {
        scope = Services(Settings(gatewayUrl, sellerId, privateKey));
        return scope.GetServices<IPaymentGateway>().Single();
    }
}
