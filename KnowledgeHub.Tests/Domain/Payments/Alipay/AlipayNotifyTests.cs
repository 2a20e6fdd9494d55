using System.Net;
using System.Security.Cryptography;
using System.Text;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using static KnowledgeHub.Tests.Domain.Payments.Alipay.AlipayTestKit;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

/// <summary>
/// Notifications built the way Alipay sends them (电脑网站支付 异步通知): a form POST in Alipay's field order, values
/// form-urlencoded, signed with RSA2 over every parameter except sign and sign_type, decoded, in ASCII order.
/// </summary>
public sealed class AlipayNotifyTests
{
    private sealed class Notify
    {
        public List<KeyValuePair<string, string>> Fields { get; } =
        [
            new("gmt_create", "2025-03-01 10:04:10"),
            new("charset", "utf-8"),
            new("gmt_payment", "2025-03-01 10:04:30"),
            new("notify_time", "2025-03-01 10:04:31"),
            new("subject", "C# 从入门到精通"),
            new("sign", ""),
            new("buyer_id", "2088102122524333"),
            new("invoice_amount", "49.90"),
            new("version", "1.0"),
            new("notify_id", "2025030100222100431052341234567890"),
            new("fund_bill_list", "[{\"amount\":\"49.90\",\"fundChannel\":\"ALIPAYACCOUNT\"}]"),
            new("notify_type", "trade_status_sync"),
            new("out_trade_no", "KH-20250301-0001"),
            new("total_amount", "49.90"),
            new("trade_status", "TRADE_SUCCESS"),
            new("trade_no", "2025030122001404331234567890"),
            new("auth_app_id", AppId),
            new("receipt_amount", "49.90"),
            new("point_amount", "0.00"),
            new("buyer_pay_amount", "49.90"),
            new("app_id", AppId),
            new("sign_type", "RSA2"),
            new("seller_id", SellerId),
        ];

        public Notify Set(string key, string value)
        {
            var i = Fields.FindIndex(f => f.Key == key);
            if (i < 0) Fields.Add(new(key, value)); else Fields[i] = new(key, value);
            return this;
        }

        public Notify Remove(string key)
        {
            Fields.RemoveAll(f => f.Key == key);
            return this;
        }

        /// <summary>The canonical string of the docs: drop sign and sign_type, sort by key (ASCII), join decoded k=v with &amp;.</summary>
        public string Canonical() => string.Join("&", Fields.Where(f => f.Key is not ("sign" or "sign_type"))
            .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

        /// <summary>Signs with <paramref name="signer"/> (null: leave "sign" as it is) and form-encodes in field order.</summary>
        public byte[] Body(RSA? signer)
        {
            if (signer is not null) Set("sign", AlipayTestKit.Sign(signer, Canonical()));
            return Encoding.ASCII.GetBytes(string.Join("&", Fields.Select(f => $"{f.Key}={WebUtility.UrlEncode(f.Value)}")));
        }
    }

    private static WebhookRequest Request(byte[] body, string? contentType = "application/x-www-form-urlencoded; charset=utf-8") =>
        new(body, contentType, new Dictionary<string, string>());

    private static WebhookParseResult Parse(byte[] body, string? sellerId = SellerId)
    {
        var gateway = Gateway(out var scope, sellerId: sellerId);
        using var _ = scope;
        return gateway.ParseWebhook(Request(body));
    }

    private static void AssertRejected(WebhookParseResult result, string? reasonContains = null)
    {
        Assert.False(result.Verified);
        Assert.Empty(result.Notifications);
        Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
        if (reasonContains is not null) Assert.Contains(reasonContains, result.RejectReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ParseWebhook_ValidTradeSuccess_ReturnsPaidNotification()
    {
        var result = Parse(new Notify().Body(AlipayKey));

        Assert.True(result.Verified, result.RejectReason);
        var n = Assert.Single(result.Notifications);
        Assert.Equal("alipay", n.Provider);
        Assert.Equal(PaymentEventKind.Paid, n.Kind);
        Assert.Equal("2025030100222100431052341234567890", n.EventId);
        Assert.Equal("KH-20250301-0001", n.OrderNumber);
        Assert.Equal(new Money(4990, Money.Cny), n.Amount);
        Assert.Equal("2025030122001404331234567890", n.ProviderPaymentId);
        Assert.Null(n.RefundId);
        Assert.Equal(new DateTime(2025, 3, 1, 2, 4, 30, DateTimeKind.Utc), n.OccurredUtc); // gmt_payment is China time
        Assert.Equal(DateTimeKind.Utc, n.OccurredUtc.Kind);
    }

    [Fact]
    public void ParseWebhook_TradeFinished_ReturnsPaidNotification()
    {
        var result = Parse(new Notify().Set("trade_status", "TRADE_FINISHED").Body(AlipayKey));

        Assert.Equal(PaymentEventKind.Paid, Assert.Single(result.Notifications).Kind);
    }

    [Fact]
    public void ParseWebhook_PaymentWithZeroRefundFee_ReturnsPaidNotification()
    {
        var result = Parse(new Notify().Set("refund_fee", "0.00").Body(AlipayKey));

        Assert.Equal(PaymentEventKind.Paid, Assert.Single(result.Notifications).Kind);
    }

    [Fact]
    public void ParseWebhook_NoContentTypeButValidBody_ReturnsPaidNotification()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var result = gateway.ParseWebhook(Request(new Notify().Body(AlipayKey), contentType: null));

        Assert.True(result.Verified, result.RejectReason);
    }

    [Fact]
    public void ParseWebhook_EmptyValuedParameterSignedJavaStyle_StillVerifies()
    {
        var result = Parse(new Notify().Set("body", "").Body(AlipayKey));

        Assert.True(result.Verified, result.RejectReason);
    }

    [Fact]
    public void ParseWebhook_SellerIdNotConfigured_AcceptsAnySeller()
    {
        var result = Parse(new Notify().Set("seller_id", "2088999999999999").Body(AlipayKey), sellerId: "");

        Assert.True(result.Verified, result.RejectReason);
    }

    [Fact]
    public void ParseWebhook_ForgedWithAnotherKey_Rejected()
    {
        AssertRejected(Parse(new Notify().Body(StrangerKey)), "signature");
    }

    [Fact]
    public void ParseWebhook_OneByteTampered_Rejected()
    {
        var body = new Notify().Body(AlipayKey);
        var at = Encoding.ASCII.GetString(body).IndexOf("total_amount=49.90", StringComparison.Ordinal) + "total_amount=".Length;
        body[at] = (byte)'1'; // 49.90 → 19.90

        AssertRejected(Parse(body), "signature");
    }

    [Fact]
    public void ParseWebhook_Unsigned_Rejected()
    {
        AssertRejected(Parse(new Notify().Remove("sign").Body(null)), "unsigned");
    }

    [Fact]
    public void ParseWebhook_SignatureNotBase64_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("sign", "not base64 at all!").Body(null)), "signature");
    }

    [Fact]
    public void ParseWebhook_SignTypeRsa_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("sign_type", "RSA").Body(AlipayKey)), "RSA2");
    }

    [Fact]
    public void ParseWebhook_WrongAppId_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("app_id", "2021000000009999").Body(AlipayKey)), "app_id");
    }

    [Fact]
    public void ParseWebhook_WrongSellerId_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("seller_id", "2088999999999999").Body(AlipayKey)), "seller_id");
    }

    [Fact]
    public void ParseWebhook_MissingSellerIdWhenConfigured_Rejected()
    {
        AssertRejected(Parse(new Notify().Remove("seller_id").Body(AlipayKey)), "seller_id");
    }

    [Theory]
    [InlineData("49.901")]
    [InlineData("49.")]
    [InlineData(".90")]
    [InlineData("-49.90")]
    [InlineData("+49.90")]
    [InlineData("4.99e1")]
    [InlineData("49,90")]
    [InlineData("1,049.90")]
    [InlineData(" 49.90")]
    [InlineData("049.90")]
    [InlineData("abc")]
    [InlineData("")]
    public void ParseWebhook_MalformedTotalAmount_Rejected(string amount)
    {
        AssertRejected(Parse(new Notify().Set("total_amount", amount).Body(AlipayKey)), "total_amount");
    }

    [Theory]
    [InlineData("49.9", 4990)]
    [InlineData("49", 4900)]
    [InlineData("0.01", 1)]
    public void ParseWebhook_ShortAmounts_ParsedToFen(string amount, long fen)
    {
        var result = Parse(new Notify().Set("total_amount", amount).Body(AlipayKey));

        Assert.Equal(new Money(fen, Money.Cny), Assert.Single(result.Notifications).Amount);
    }

    [Fact]
    public void ParseWebhook_GbkCharset_RejectedNamingTheCharset()
    {
        var result = Parse(new Notify().Set("charset", "gbk").Body(AlipayKey));

        AssertRejected(result, "gbk");
        Assert.Contains("utf-8", result.RejectReason);
    }

    [Fact]
    public void ParseWebhook_GbkContentType_Rejected()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var result = gateway.ParseWebhook(Request(new Notify().Body(AlipayKey), "application/x-www-form-urlencoded; charset=GBK"));

        AssertRejected(result, "GBK");
    }

    [Fact]
    public void ParseWebhook_JsonContentType_Rejected()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        AssertRejected(gateway.ParseWebhook(Request(new Notify().Body(AlipayKey), "application/json")));
    }

    [Fact]
    public void ParseWebhook_DuplicatedParameter_Rejected()
    {
        var body = new Notify().Body(AlipayKey);
        var doubled = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(body) + "&total_amount=0.01");

        AssertRejected(Parse(doubled), "twice");
    }

    [Fact]
    public void ParseWebhook_InvalidUtf8_Rejected()
    {
        var body = new Notify().Body(AlipayKey);
        var broken = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(body).Replace("subject=C%23", "subject=%FF%FE", StringComparison.Ordinal));

        AssertRejected(Parse(broken));
    }

    [Fact]
    public void ParseWebhook_EmptyOrGarbageBody_RejectedWithoutThrowing()
    {
        AssertRejected(Parse([]));
        AssertRejected(Parse(Encoding.ASCII.GetBytes("%%%")));
        AssertRejected(Parse([0xFF, 0x00, 0x26, 0x3D]));
    }

    [Fact]
    public void ParseWebhook_TradeClosed_ReturnsClosedNotification()
    {
        var notify = new Notify().Set("trade_status", "TRADE_CLOSED").Set("gmt_close", "2025-03-01 10:34:00").Remove("gmt_payment");

        var n = Assert.Single(Parse(notify.Body(AlipayKey)).Notifications);

        Assert.Equal(PaymentEventKind.Closed, n.Kind);
        Assert.Equal("KH-20250301-0001", n.OrderNumber);
        Assert.Null(n.Amount);
        Assert.Equal(new DateTime(2025, 3, 1, 2, 34, 0, DateTimeKind.Utc), n.OccurredUtc);
    }

    [Fact]
    public void ParseWebhook_WaitBuyerPay_AcceptedWithNoNotifications()
    {
        var result = Parse(new Notify().Set("trade_status", "WAIT_BUYER_PAY").Remove("gmt_payment").Body(AlipayKey));

        Assert.True(result.Verified, result.RejectReason);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_PartialRefundWithOutBizNo_ReturnsRefundedWithOurRefundNumber()
    {
        var notify = new Notify()
            .Set("refund_fee", "10.00").Set("gmt_refund", "2025-03-02 09:00:00.123").Set("out_biz_no", "KH-20250301-0001-R1")
            .Set("notify_id", "2025030200222090000052340000000001");

        var result = Parse(notify.Body(AlipayKey));

        var n = Assert.Single(result.Notifications);
        Assert.Equal(PaymentEventKind.Refunded, n.Kind);
        Assert.Equal("KH-20250301-0001-R1", n.RefundId);
        Assert.Equal(new Money(1000, Money.Cny), n.Amount);
        Assert.Equal(new Money(4990, Money.Cny), n.PaidAmount);
        Assert.Equal("2025030122001404331234567890", n.ProviderPaymentId);
        Assert.Equal("2025030200222090000052340000000001", n.EventId);
        Assert.Equal(new DateTime(2025, 3, 2, 1, 0, 0, 123, DateTimeKind.Utc), n.OccurredUtc);
    }

    [Fact]
    public void ParseWebhook_FullRefundWithoutOutBizNo_RefundIdFromTradeNoAndCumulativeFee()
    {
        var notify = new Notify().Set("trade_status", "TRADE_CLOSED").Set("refund_fee", "49.9").Set("gmt_refund", "2025-03-02 09:00:00");

        var n = Assert.Single(Parse(notify.Body(AlipayKey)).Notifications);

        Assert.Equal(PaymentEventKind.Refunded, n.Kind);
        Assert.Equal("2025030122001404331234567890:49.90", n.RefundId);
        Assert.Equal(new Money(4990, Money.Cny), n.Amount);
        Assert.Equal(new Money(4990, Money.Cny), n.PaidAmount);
    }

    [Fact]
    public void ParseWebhook_RefundFeeAboveTotal_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("refund_fee", "50.00").Set("gmt_refund", "2025-03-02 09:00:00").Body(AlipayKey)), "refund_fee");
    }

    [Fact]
    public void ParseWebhook_MalformedRefundFee_Rejected()
    {
        AssertRejected(Parse(new Notify().Set("refund_fee", "10.001").Set("gmt_refund", "2025-03-02 09:00:00").Body(AlipayKey)), "refund_fee");
    }

    [Fact]
    public void Reply_Accepted_Returns200Success()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(new WebhookReply(200, "text/plain", "success"), gateway.Reply(true));
    }

    [Fact]
    public void Reply_NotAccepted_Returns400Failure()
    {
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(new WebhookReply(400, "text/plain", "failure"), gateway.Reply(false));
    }
}
