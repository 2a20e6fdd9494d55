using System.Globalization;
using System.Text.Json;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using Microsoft.AspNetCore.WebUtilities;
using static KnowledgeHub.Tests.Domain.Payments.Alipay.AlipayTestKit;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

public sealed class AlipayCheckoutTests
{
    private static PaymentRequest Request(long fen = 4990, string subject = "C# 从入门到精通") => new(
        "KH-20250301-0001", new Money(fen, Money.Cny), subject,
        "https://shop.example.com/orders/KH-20250301-0001", "https://shop.example.com/webhooks/alipay",
        new DateTime(2025, 3, 1, 2, 33, 4, DateTimeKind.Utc), "buyer@example.com", "203.0.113.9");

    private static Dictionary<string, string> QueryOf(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    /// <summary>The documented canonical string: all but sign and empty values, ASCII order, k=v joined by &amp;, not encoded.</summary>
    private static string Canonical(Dictionary<string, string> parameters) =>
        string.Join("&", parameters.Where(p => p.Key != "sign" && p.Value.Length > 0)
            .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public async Task CreateCheckoutAsync_ValidOrder_RedirectUrlSignVerifiesWithAppPublicKey()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var session = await gateway.CreateCheckoutAsync(Request(), CancellationToken.None);

        Assert.Equal(CheckoutSessionKind.Redirect, session.Kind);
        Assert.Null(session.ProviderSessionId);
        Assert.StartsWith("https://openapi.alipay.com/gateway.do?", session.Url);
        var query = QueryOf(session.Url);
        Assert.True(Verify(AppKey, Canonical(query), query["sign"]));
        Assert.Equal(AppId, query["app_id"]);
        Assert.Equal("alipay.trade.page.pay", query["method"]);
        Assert.Equal("JSON", query["format"]);
        Assert.Equal("utf-8", query["charset"]);
        Assert.Equal("RSA2", query["sign_type"]);
        Assert.Equal("1.0", query["version"]);
        Assert.Equal("2025-03-01 10:03:04", query["timestamp"]); // China time of the FakeTimeProvider's now
        Assert.Equal("https://shop.example.com/webhooks/alipay", query["notify_url"]);
        Assert.Equal("https://shop.example.com/orders/KH-20250301-0001", query["return_url"]);
    }

    [Fact]
    public async Task CreateCheckoutAsync_ValidOrder_BizContentCarriesTheDocumentedFields()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var session = await gateway.CreateCheckoutAsync(Request(), CancellationToken.None);

        using var biz = JsonDocument.Parse(QueryOf(session.Url)["biz_content"]);
        var b = biz.RootElement;
        Assert.Equal("KH-20250301-0001", b.GetProperty("out_trade_no").GetString());
        Assert.Equal("FAST_INSTANT_TRADE_PAY", b.GetProperty("product_code").GetString());
        Assert.Equal("49.90", b.GetProperty("total_amount").GetString());
        Assert.Equal("C# 从入门到精通", b.GetProperty("subject").GetString());
        Assert.Equal("2025-03-01 10:33:04", b.GetProperty("time_expire").GetString());
    }

    [Fact]
    public async Task CreateCheckoutAsync_Url_ValuesArePercentEncoded()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var session = await gateway.CreateCheckoutAsync(Request(), CancellationToken.None);

        var rawQuery = new Uri(session.Url).Query;
        Assert.Contains("timestamp=2025-03-01%2010%3A03%3A04", rawQuery);
        Assert.Contains("notify_url=https%3A%2F%2Fshop.example.com%2Fwebhooks%2Falipay", rawQuery);
        Assert.DoesNotContain("{", rawQuery);
        Assert.DoesNotContain("+", rawQuery.Replace("%2B", "")); // a '+' in a base64 sign must arrive as %2B, never as a space
    }

    [Theory]
    [InlineData(4990, "49.90")]
    [InlineData(1, "0.01")]
    [InlineData(100, "1.00")]
    [InlineData(123456789, "1234567.89")]
    public async Task CreateCheckoutAsync_AmountInFen_FormatsYuanWithTwoDecimalsInvariantCulture(long fen, string expected)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // decimal comma and '.' grouping must not leak in
        try
        {
            var gateway = Gateway(out var scope);
            using var _ = scope;

            var session = await gateway.CreateCheckoutAsync(Request(fen), CancellationToken.None);

            using var biz = JsonDocument.Parse(QueryOf(session.Url)["biz_content"]);
            Assert.Equal(expected, biz.RootElement.GetProperty("total_amount").GetString());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public async Task CreateCheckoutAsync_Pkcs1PrivateKey_SignsTheSameWay()
    {
        var gateway = Gateway(out var scope, privateKey: AppPrivateKeyPkcs1Pem);
        using var _ = scope;

        var session = await gateway.CreateCheckoutAsync(Request(), CancellationToken.None);

        var query = QueryOf(session.Url);
        Assert.True(Verify(AppKey, Canonical(query), query["sign"]));
    }

    [Fact]
    public async Task CreateCheckoutAsync_SubjectWithReservedCharacters_ReplacedBySpaces()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var session = await gateway.CreateCheckoutAsync(Request(subject: "A/B = C&D"), CancellationToken.None);

        using var biz = JsonDocument.Parse(QueryOf(session.Url)["biz_content"]);
        Assert.Equal("A B   C D", biz.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task CreateCheckoutAsync_NonCnyAmount_Throws()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var request = Request() with { Amount = new Money(4990, "USD") };

        await Assert.ThrowsAsync<ArgumentException>(() => gateway.CreateCheckoutAsync(request, CancellationToken.None));
    }
}
