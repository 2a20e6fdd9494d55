using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Alipay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static KnowledgeHub.Tests.Domain.Payments.Alipay.AlipayTestKit;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

public sealed class AlipayRegistrationTests
{
    [Fact]
    public void AddAlipayGateway_EnabledWithKeys_RegistersAlipayGateway()
    {
        using var services = Services(Settings());

        var gateway = Assert.Single(services.GetServices<IPaymentGateway>());
        Assert.IsType<AlipayGateway>(gateway);
        Assert.Equal("alipay", gateway.Provider);
    }

    [Fact]
    public void AddAlipayGateway_Disabled_RegistersNothing()
    {
        var settings = Settings();
        settings[$"{AlipayGatewayOptions.Section}:Enabled"] = "false";
        using var services = Services(settings);

        Assert.Empty(services.GetServices<IPaymentGateway>());
    }

    [Theory]
    [InlineData("AppId")]
    [InlineData("AppPrivateKey")]
    [InlineData("AlipayPublicKey")]
    public void AddAlipayGateway_EnabledWithoutAKey_RegistersNothing(string missing)
    {
        var settings = Settings();
        settings[$"{AlipayGatewayOptions.Section}:{missing}"] = "";
        using var services = Services(settings);

        Assert.Empty(services.GetServices<IPaymentGateway>());
    }

    [Fact]
    public void AddAlipayGateway_KeyNotRsa_FailsValidation()
    {
        var settings = Settings();
        settings[$"{AlipayGatewayOptions.Section}:AlipayPublicKey"] = "not a key";
        using var services = Services(settings);

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AlipayGatewayOptions>>().Value);
    }

    [Fact]
    public void AlipaySignature_BareBase64Keys_LoadLikePem()
    {
        var privateBody = Convert.ToBase64String(AppKey.ExportPkcs8PrivateKey());
        var publicBody = Convert.ToBase64String(AlipayKey.ExportSubjectPublicKeyInfo());

        var signature = new AlipaySignature(privateBody, publicBody);

        Assert.True(AlipayTestKit.Verify(AppKey, "a=1&b=2", signature.Sign("a=1&b=2")));
        Assert.True(signature.Verify("a=1&b=2", Sign(AlipayKey, "a=1&b=2")));
        Assert.False(signature.Verify("a=1&b=3", Sign(AlipayKey, "a=1&b=2")));
    }

    [Fact]
    public void AlipaySignature_PublicKeyGivenAsPrivateKey_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new AlipaySignature(AppKey.ExportSubjectPublicKeyInfoPem(), AlipayPublicKeyPem));

        Assert.Contains("AppPrivateKey", e.Message);
    }
}
