using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.WeChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

public sealed class WeChatPayServiceCollectionExtensionsTests : IDisposable
{
    private readonly WeChatPayTestKit kit = new();

    public void Dispose() => kit.Dispose();

    [Fact]
    public void AddWeChatPayGateway_EnabledWithKeys_RegistersWeChatGateway()
    {
        var gateway = Assert.Single(kit.Services(kit.Settings()).GetServices<IPaymentGateway>());

        Assert.IsType<WeChatPayGateway>(gateway);
        Assert.Equal("wechat", gateway.Provider);
    }

    [Fact]
    public void AddWeChatPayGateway_Disabled_RegistersNoGateway()
    {
        var settings = kit.Settings();
        settings[$"{WeChatPayOptions.Section}:Enabled"] = "false";

        Assert.Empty(kit.Services(settings).GetServices<IPaymentGateway>());
    }

    [Fact]
    public void AddWeChatPayGateway_NoSection_RegistersNoGateway()
    {
        Assert.Empty(kit.Services([]).GetServices<IPaymentGateway>());
    }

    [Theory]
    [InlineData("MerchantPrivateKey", "")]
    [InlineData("PlatformPublicKey", "")]
    [InlineData("PlatformSerial", "")]
    [InlineData("AppId", "")]
    [InlineData("ApiV3Key", "too-short-for-aes-256")]
    public void AddWeChatPayGateway_EnabledWithMissingKey_RegistersNoGateway(string key, string value)
    {
        var settings = kit.Settings();
        settings[$"{WeChatPayOptions.Section}:{key}"] = value;

        Assert.Empty(kit.Services(settings).GetServices<IPaymentGateway>());
    }

    [Theory]
    [InlineData("MerchantPrivateKey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----")]
    [InlineData("PlatformPublicKey", "not a pem at all")]
    [InlineData("ApiBase", "api.mch.weixin.qq.com")]
    public void AddWeChatPayGateway_InvalidKeyOrApiBase_FailsWhenResolved(string key, string value)
    {
        var settings = kit.Settings();
        settings[$"{WeChatPayOptions.Section}:{key}"] = value;

        Assert.Throws<OptionsValidationException>(() => kit.Services(settings).GetRequiredService<IPaymentGateway>());
    }
}
