using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Alipay;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Domain.Payments.Stripe;
using KnowledgeHub.Domain.Payments.WeChat;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Domain.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>Cart, checkout, settlement, refunds, order queries, the payment providers enabled in configuration and the payment jobs.</summary>
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PaymentOptions>(configuration.GetSection(PaymentOptions.Section));
        services.AddSingleton<OrderSignals>();
        services.AddSingleton<PaymentSettlement>();
        services.AddSingleton<PaymentGateways>();
        services.AddSingleton<CheckoutService>();
        services.AddSingleton<CartService>();
        services.AddSingleton<RefundService>();
        services.AddSingleton<OrderQueries>();
        services.AddSingleton<PaymentJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<PaymentJobs>());

        // The sandbox is always registered (its cashier must answer even when it is switched off at checkout: 404 then),
        // but it is offered as a provider only when enabled.
        services.AddSingleton<SandboxSignature>();
        services.AddSingleton<SandboxNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<SandboxNotifier>());
        services.AddSingleton<SandboxCashier>();
        services.AddSingleton<SandboxGateway>();
        services.AddHttpClient(SandboxNotifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        if (configuration.GetValue(PaymentOptions.Section + ":Sandbox:Enabled", true))
            services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxGateway>());
        // Real providers: each registers itself only when enabled and its keys are configured (see README, "Payments").
        services.AddAlipayGateway(configuration);
        services.AddWeChatPayGateway(configuration);
        services.AddStripeGateway(configuration);

        // Managing coupons and bundles, and the public bundle pages.
        services.AddSingleton<Coupons.CouponService>();
        services.AddSingleton<Bundles.BundleService>();
        services.AddSingleton<Bundles.BundleQueries>();
        return services;
    }
}
