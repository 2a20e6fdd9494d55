using System.Globalization;
using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Tests.Domain.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("zh-CN", 4990, "¥49.90")]
    [InlineData("en-US", 4990, "¥49.90")]
    [InlineData("en-US", 1299900, "¥12,999.00")]
    [InlineData("zh-CN", -990, "-¥9.90")]
    public void Format_Cny_ShowsYuanSignInEveryCulture(string culture, long fen, string expected) =>
        Assert.Equal(expected, new Money(fen, Money.Cny).Format(new CultureInfo(culture)));

    [Fact]
    public void Yuan_FractionOfAFen_RoundsOnceAwayFromZero() => Assert.Equal(1000, Money.Yuan(9.995m).MinorUnits);

    [Fact]
    public void Add_DifferentCurrencies_Throws() =>
        Assert.Throws<DomainException>(() => new Money(100, "CNY").Add(new Money(100, "USD")));
}
