using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeHub.Domain.Payments.WeChat;

public static class WeChatPayServiceCollectionExtensions
{
    /// <summary>
    /// Binds "KnowledgeHub:Payments:WeChat" and, when it is enabled and every key is present, registers
    /// <see cref="WeChatPayGateway"/> as an <see cref="IPaymentGateway"/> ("wechat") with its named HttpClient.
    /// Disabled or incomplete configuration registers no gateway, so WeChat Pay is simply not offered at checkout;
    /// keys that do not load or a relative ApiBase fail at start-up.
    /// </summary>
    public static IServiceCollection AddWeChatPayGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WeChatPayOptions.Section);
        var configured = section.Get<WeChatPayOptions>() ?? new WeChatPayOptions();
        if (!configured.Enabled || !configured.HasKeys) return services;

        services.AddOptions<WeChatPayOptions>().Bind(section)
            .Validate(o => Uri.TryCreate(o.ApiBase, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                $"{WeChatPayOptions.Section}:ApiBase must be an absolute http(s) URL.")
            .Validate(o => WeChatPaySigning.KeysAreValid(o.MerchantPrivateKey, o.PlatformPublicKey),
                $"{WeChatPayOptions.Section}: MerchantPrivateKey or PlatformPublicKey is not a valid RSA key PEM.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WeChatPayGateway.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IPaymentGateway, WeChatPayGateway>();
        return services;
    }
}
