using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Stripe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Domain.Payments.Stripe;

public sealed class StripeServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddStripeGateway(configuration).BuildServiceProvider();
    }

    [Fact]
    public void AddStripeGateway_EnabledWithBothKeys_RegistersStripeGateway()
    {
        using var services = Build(new()
        {
            ["KnowledgeHub:Payments:Stripe:Enabled"] = "true",
            ["KnowledgeHub:Payments:Stripe:SecretKey"] = StripeTestData.SecretKey,
            ["KnowledgeHub:Payments:Stripe:WebhookSecret"] = StripeTestData.WebhookSecret,
            ["KnowledgeHub:Payments:Stripe:ToleranceSeconds"] = "120",
        });

        var gateway = Assert.IsType<StripeGateway>(Assert.Single(services.GetServices<IPaymentGateway>()));
        Assert.Equal("stripe", gateway.Provider);
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StripeGatewayOptions>>().Value;
        Assert.Equal(120, options.ToleranceSeconds);
        Assert.Equal("https://api.stripe.com", options.ApiBase);
    }

    [Theory]
    [InlineData("false", StripeTestData.SecretKey, StripeTestData.WebhookSecret)]
    [InlineData("true", "", StripeTestData.WebhookSecret)]
    [InlineData("true", StripeTestData.SecretKey, " ")]
    [InlineData(null, StripeTestData.SecretKey, StripeTestData.WebhookSecret)]
    public void AddStripeGateway_DisabledOrMissingKey_RegistersNoGateway(string? enabled, string secretKey, string webhookSecret)
    {
        using var services = Build(new()
        {
            ["KnowledgeHub:Payments:Stripe:Enabled"] = enabled,
            ["KnowledgeHub:Payments:Stripe:SecretKey"] = secretKey,
            ["KnowledgeHub:Payments:Stripe:WebhookSecret"] = webhookSecret,
        });

        Assert.Empty(services.GetServices<IPaymentGateway>());
    }
}
