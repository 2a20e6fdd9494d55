using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeHub.Domain.Payments.Alipay;

public static class AlipayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlipayGateway"/> as an <see cref="IPaymentGateway"/> when "KnowledgeHub:Payments:Alipay" is
    /// enabled and its app id and both keys are present; otherwise registers nothing. Keys that do not load, a charset other
    /// than utf-8 or a relative gateway URL fail at start-up.
    /// </summary>
    public static IServiceCollection AddAlipayGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AlipayGatewayOptions.Section);
        var configured = section.Get<AlipayGatewayOptions>() ?? new AlipayGatewayOptions();
        if (!configured.Enabled || !configured.HasKeys) return services;

        services.AddOptions<AlipayGatewayOptions>().Bind(section)
            .Validate(o => o.Charset.Trim().Equals("utf-8", StringComparison.OrdinalIgnoreCase),
                $"{AlipayGatewayOptions.Section}:Charset must be utf-8.")
            .Validate(o => Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                $"{AlipayGatewayOptions.Section}:GatewayUrl must be an absolute http(s) URL.")
            .Validate(o => AlipaySignature.KeysAreValid(o.AppPrivateKey, o.AlipayPublicKey),
                $"{AlipayGatewayOptions.Section}: AppPrivateKey or AlipayPublicKey is not a valid RSA key.")
            .ValidateOnStart();
        services.AddHttpClient(AlipayGateway.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IPaymentGateway, AlipayGateway>();
        return services;
    }
}
