using KnowledgeHub.Web.Infrastructure;

namespace KnowledgeHub.Tests.Integration;

public sealed class CultureSetupTests
{
    [Theory]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("zh-TW", "zh-CN")]
    [InlineData("en-GB,en;q=0.9", "en-US")]
    [InlineData("fr-FR,en;q=0.5,zh;q=0.7", "zh-CN")]
    [InlineData("de-DE", null)]
    [InlineData("", null)]
    public void FromAcceptLanguage_Header_PicksTheBestLanguageWeServe(string header, string? expected) =>
        Assert.Equal(expected, CultureSetup.FromAcceptLanguage(header)?.Cultures[0].Value);
}
