using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeHub.Domain.Payments.Stripe;

public static class StripeServiceCollectionExtensions
{
    /// <summary>
    /// Binds "KnowledgeHub:Payments:Stripe" and, when Stripe is enabled and both its secret key and webhook secret are
    /// present, registers <see cref="StripeGateway"/> as one more <see cref="IPaymentGateway"/>. Otherwise Stripe is
    /// simply not offered. An enabled gateway with an ApiBase that is not an absolute http(s) URL fails at start-up.
    /// </summary>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StripeGatewayOptions.Section);
        services.AddOptions<StripeGatewayOptions>().Bind(section)
            .Validate(o => !o.IsConfigured || IsHttpUrl(o.ApiBase),
                $"{StripeGatewayOptions.Section}:ApiBase must be an absolute http(s) URL.")
            .Validate(o => o.ToleranceSeconds > 0 && o.TimeoutSeconds > 0 && o.MaxNetworkRetries >= 0,
                $"{StripeGatewayOptions.Section}: ToleranceSeconds and TimeoutSeconds must be positive, MaxNetworkRetries not negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        var options = section.Get<StripeGatewayOptions>() ?? new StripeGatewayOptions();
        if (options.IsConfigured)
            services.AddSingleton<IPaymentGateway, StripeGateway>();
        return services;
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
