using System.Text;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

public sealed class WeChatPayWebhookTests : IDisposable
{
    private readonly WeChatPayTestKit kit = new();
    private readonly IPaymentGateway gateway;

    public WeChatPayWebhookTests() => gateway = kit.Gateway();

    public void Dispose() => kit.Dispose();

    [Fact]
    public void ParseWebhook_ValidPaymentNotification_ReturnsPaidWithOrderTotal()
    {
        var result = gateway.ParseWebhook(kit.Notification("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource()));

        Assert.True(result.Verified, result.RejectReason);
        var paid = Assert.Single(result.Notifications);
        Assert.Equal("wechat", paid.Provider);
        Assert.Equal("EV-2025060112000012345", paid.EventId);
        Assert.Equal("KH20250601000042", paid.OrderNumber);
        Assert.Equal(PaymentEventKind.Paid, paid.Kind);
        Assert.Equal(new Money(4990, "CNY"), paid.Amount); // amount.total, not payer_total (3990)
        Assert.Equal("4200002520202506011234567890", paid.ProviderPaymentId);
        Assert.Null(paid.RefundId);
        Assert.Equal(new DateTime(2025, 6, 1, 3, 59, 30, DateTimeKind.Utc), paid.OccurredUtc);
        Assert.Equal(DateTimeKind.Utc, paid.OccurredUtc.Kind);
    }

    [Fact]
    public void ParseWebhook_ValidRefundNotification_ReturnsRefundedWithOurRefundNumber()
    {
        var result = gateway.ParseWebhook(kit.Notification("REFUND.SUCCESS", WeChatPayTestKit.RefundResource()));

        Assert.True(result.Verified, result.RejectReason);
        var refunded = Assert.Single(result.Notifications);
        Assert.Equal(PaymentEventKind.Refunded, refunded.Kind);
        Assert.Equal("KH20250601000042", refunded.OrderNumber);
        Assert.Equal("RF20250601000007", refunded.RefundId);
        Assert.Equal(new Money(1990, "CNY"), refunded.Amount);
        Assert.Equal(new Money(4990, "CNY"), refunded.PaidAmount);
        Assert.Equal("4200002520202506011234567890", refunded.ProviderPaymentId);
        Assert.Equal(new DateTime(2025, 6, 1, 3, 58, 0, DateTimeKind.Utc), refunded.OccurredUtc);
    }

    [Theory]
    [InlineData("CLOSED", PaymentEventKind.Closed)]
    [InlineData("REVOKED", PaymentEventKind.Closed)]
    [InlineData("PAYERROR", PaymentEventKind.Failed)]
    public void ParseWebhook_UnpaidTradeState_ReturnsClosedOrFailed(string tradeState, PaymentEventKind expected)
    {
        var result = gateway.ParseWebhook(kit.Notification("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource(tradeState)));

        Assert.True(result.Verified, result.RejectReason);
        var notification = Assert.Single(result.Notifications);
        Assert.Equal(expected, notification.Kind);
        Assert.Null(notification.Amount);
    }

    [Theory]
    [InlineData("REFUND.ABNORMAL", "ABNORMAL")]
    [InlineData("REFUND.CLOSED", "CLOSED")]
    public void ParseWebhook_RefundAbnormalOrClosed_AcceptedWithoutNotifications(string eventType, string refundStatus)
    {
        var result = gateway.ParseWebhook(kit.Notification(eventType, WeChatPayTestKit.RefundResource(refundStatus)));

        Assert.True(result.Verified, result.RejectReason);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_UnknownEventType_AcceptedWithoutNotifications()
    {
        var result = gateway.ParseWebhook(kit.Notification("MCHTRANSFER.BILL.FINISHED", WeChatPayTestKit.PaymentResource()));

        Assert.True(result.Verified, result.RejectReason);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_SignedByAnotherKey_Rejected()
    {
        using var forger = new WeChatPayTestKit(otherKeys: true);
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());

        var result = gateway.ParseWebhook(new WebhookRequest(body, "application/json", kit.SignedHeaders(body, signingKey: forger.PlatformKey)));

        AssertRejected(result, "Signature");
    }

    [Fact]
    public void ParseWebhook_SignatureProbe_Rejected()
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var headers = kit.SignedHeaders(body);
        headers["Wechatpay-Signature"] = "WECHATPAY/SIGNTEST/" + headers["Wechatpay-Signature"];

        AssertRejected(gateway.ParseWebhook(new WebhookRequest(body, "application/json", headers)), "Signature");
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    public void ParseWebhook_TimestampOutsideFiveMinutes_Rejected(int offsetSeconds)
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var timestamp = kit.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;

        var result = gateway.ParseWebhook(new WebhookRequest(body, "application/json", kit.SignedHeaders(body, timestamp)));

        AssertRejected(result, "Timestamp");
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public void ParseWebhook_TimestampWithinFiveMinutes_Accepted(int offsetSeconds)
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var timestamp = kit.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds;

        var result = gateway.ParseWebhook(new WebhookRequest(body, "application/json", kit.SignedHeaders(body, timestamp)));

        Assert.True(result.Verified, result.RejectReason);
    }

    [Fact]
    public void ParseWebhook_TimestampStaleAfterClockMoves_Rejected()
    {
        var request = kit.Notification("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        kit.Clock.Advance(TimeSpan.FromMinutes(6));

        AssertRejected(gateway.ParseWebhook(request), "Timestamp");
    }

    [Fact]
    public void ParseWebhook_WrongSerial_Rejected()
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());

        var result = gateway.ParseWebhook(new WebhookRequest(body, "application/json", kit.SignedHeaders(body, serial: "PUB_KEY_ID_0000000000000000000000000000")));

        AssertRejected(result, "Serial");
    }

    [Fact]
    public void ParseWebhook_BodyTamperedByOneByte_Rejected()
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var headers = kit.SignedHeaders(body);
        var index = Encoding.UTF8.GetString(body).IndexOf("EV-", StringComparison.Ordinal) + 3;
        body[index] = (byte)(body[index] == (byte)'9' ? '8' : '9');

        AssertRejected(gateway.ParseWebhook(new WebhookRequest(body, "application/json", headers)), "Signature");
    }

    [Fact]
    public void ParseWebhook_CiphertextTamperedAndResigned_Rejected()
    {
        // The envelope is validly signed, but the AES-GCM tag no longer matches the ciphertext.
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource(), tamperCiphertext: c =>
        {
            var bytes = Convert.FromBase64String(c);
            bytes[5] ^= 0x20;
            return Convert.ToBase64String(bytes);
        });

        AssertRejected(gateway.ParseWebhook(kit.Signed(body)), "decrypt");
    }

    [Fact]
    public void ParseWebhook_EncryptedWithAnotherApiV3Key_Rejected()
    {
        using var other = new WeChatPayTestKit(otherKeys: true);
        var body = other.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());

        AssertRejected(gateway.ParseWebhook(kit.Signed(body)), "decrypt");
    }

    [Theory]
    [InlineData("Wechatpay-Timestamp")]
    [InlineData("Wechatpay-Nonce")]
    [InlineData("Wechatpay-Signature")]
    [InlineData("Wechatpay-Serial")]
    public void ParseWebhook_MissingHeader_Rejected(string header)
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var headers = kit.SignedHeaders(body);
        headers.Remove(header);

        AssertRejected(gateway.ParseWebhook(new WebhookRequest(body, "application/json", headers)), "Missing");
    }

    [Fact]
    public void ParseWebhook_LowerCaseHeaderNames_Accepted()
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());
        var headers = kit.SignedHeaders(body).ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

        var result = gateway.ParseWebhook(new WebhookRequest(body, "application/json", headers));

        Assert.True(result.Verified, result.RejectReason);
        Assert.Single(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_PaymentForAnotherMerchant_Rejected()
    {
        var result = gateway.ParseWebhook(kit.Notification("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource(mchid: "1900000999")));

        AssertRejected(result, "mchid");
    }

    [Fact]
    public void ParseWebhook_PaymentForAnotherApp_Rejected()
    {
        var result = gateway.ParseWebhook(kit.Notification("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource(appid: "wx0000000000000000")));

        AssertRejected(result, "appid");
    }

    [Fact]
    public void ParseWebhook_RefundForAnotherMerchant_Rejected()
    {
        var result = gateway.ParseWebhook(kit.Notification("REFUND.SUCCESS", WeChatPayTestKit.RefundResource(mchid: "1900000999")));

        AssertRejected(result, "mchid");
    }

    [Fact]
    public void ParseWebhook_RefundSuccessEventWithOtherStatus_Rejected()
    {
        var result = gateway.ParseWebhook(kit.Notification("REFUND.SUCCESS", WeChatPayTestKit.RefundResource("PROCESSING")));

        AssertRejected(result, "refund_status");
    }

    [Fact]
    public void ParseWebhook_SignedBodyThatIsNotJson_RejectedWithoutThrowing()
    {
        var result = gateway.ParseWebhook(kit.Signed(Encoding.UTF8.GetBytes("<xml><return_code>SUCCESS</return_code></xml>")));

        Assert.False(result.Verified);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_EmptyRequest_RejectedWithoutThrowing()
    {
        var result = gateway.ParseWebhook(new WebhookRequest([], null, new Dictionary<string, string>()));

        Assert.False(result.Verified);
    }

    [Fact]
    public void ParseWebhook_ReplayedNotification_CarriesSameEventId()
    {
        var body = kit.NotificationBody("TRANSACTION.SUCCESS", WeChatPayTestKit.PaymentResource());

        var first = gateway.ParseWebhook(kit.Signed(body));
        var replay = gateway.ParseWebhook(kit.Signed(body));

        Assert.Equal(Assert.Single(first.Notifications).EventId, Assert.Single(replay.Notifications).EventId);
    }

    [Fact]
    public void Reply_Accepted_Returns204WithEmptyBody()
    {
        var reply = gateway.Reply(accepted: true);

        Assert.Equal(204, reply.StatusCode);
        Assert.Equal("", reply.Body);
    }

    [Fact]
    public void Reply_Rejected_Returns400WithFailCode()
    {
        var reply = gateway.Reply(accepted: false);

        Assert.Equal(400, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        using var json = System.Text.Json.JsonDocument.Parse(reply.Body);
        Assert.Equal("FAIL", json.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
    }

    private static void AssertRejected(WebhookParseResult result, string reasonFragment)
    {
        Assert.False(result.Verified);
        Assert.Empty(result.Notifications);
        Assert.Contains(reasonFragment, result.RejectReason, StringComparison.OrdinalIgnoreCase);
    }
}
