using System.Text;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Stripe;
using static KnowledgeHub.Tests.Domain.Payments.Stripe.StripeTestData;

namespace KnowledgeHub.Tests.Domain.Payments.Stripe;

public sealed class StripeWebhookTests : IDisposable
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = Clock();
    private readonly StripeGateway gateway;

    public StripeWebhookTests() => gateway = Gateway(clock);

    public void Dispose() => gateway.Dispose();

    private static WebhookRequest Signed(string payload, string secret = WebhookSecret, long? timestamp = null, string headerName = "Stripe-Signature") =>
        new(Encoding.UTF8.GetBytes(payload), "application/json; charset=utf-8",
            new Dictionary<string, string> { [headerName] = Sign(payload, secret, timestamp ?? Now.ToUnixTimeSeconds()) });

    private static string SessionEvent(string type, string session, string id = "evt_1QaBcD2eZvKYlo2C0x1yZ9aB") =>
        Event(id, type, session, Now.AddSeconds(-2));

    [Fact]
    public void ParseWebhook_CompletedAndPaid_ReturnsPaidWithAmountAndPaymentIntent()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.completed", Session())));

        Assert.True(result.Verified);
        var n = Assert.Single(result.Notifications);
        Assert.Equal("stripe", n.Provider);
        Assert.Equal("evt_1QaBcD2eZvKYlo2C0x1yZ9aB", n.EventId);
        Assert.Equal(OrderNumber, n.OrderNumber);
        Assert.Equal(PaymentEventKind.Paid, n.Kind);
        Assert.Equal(new Money(4990, "CNY"), n.Amount);
        Assert.Equal(PaymentIntentId, n.ProviderPaymentId);
        Assert.Null(n.RefundId);
        Assert.Equal(Now.AddSeconds(-2).UtcDateTime, n.OccurredUtc);
        Assert.Equal(DateTimeKind.Utc, n.OccurredUtc.Kind);
    }

    [Fact]
    public void ParseWebhook_CompletedWithoutClientReference_TakesOrderNumberFromMetadata()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.completed", Session(clientReferenceId: null))));

        Assert.Equal(OrderNumber, Assert.Single(result.Notifications).OrderNumber);
    }

    [Fact]
    public void ParseWebhook_CompletedButUnpaid_AcceptsWithoutNotifications()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.completed", Session(paymentStatus: "unpaid", paymentIntent: null))));

        Assert.True(result.Verified);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_AsyncPaymentSucceeded_ReturnsPaid()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.async_payment_succeeded", Session(amountTotal: 12800, currency: "usd"))));

        var n = Assert.Single(result.Notifications);
        Assert.Equal(PaymentEventKind.Paid, n.Kind);
        Assert.Equal(new Money(12800, "USD"), n.Amount);
    }

    [Fact]
    public void ParseWebhook_AsyncPaymentFailed_ReturnsFailed()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.async_payment_failed", Session(paymentStatus: "unpaid"))));

        var n = Assert.Single(result.Notifications);
        Assert.Equal(PaymentEventKind.Failed, n.Kind);
        Assert.Null(n.Amount);
        Assert.Equal(OrderNumber, n.OrderNumber);
    }

    [Fact]
    public void ParseWebhook_SessionExpired_ReturnsClosed()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.expired", Session(status: "expired", paymentStatus: "unpaid", paymentIntent: null))));

        var n = Assert.Single(result.Notifications);
        Assert.Equal(PaymentEventKind.Closed, n.Kind);
        Assert.Null(n.ProviderPaymentId);
    }

    [Fact]
    public void ParseWebhook_ChargeRefundedWithRefundList_ReturnsOneNotificationPerRefund()
    {
        var refunds = Refund("re_1", 1000, refundNumber: "RF1") + "," + Refund("re_2", 2000, refundNumber: "RF2");
        var payload = Event("evt_refund1", "charge.refunded", Charge(4990, 3000, refunds), Now);

        var result = gateway.ParseWebhook(Signed(payload));

        Assert.True(result.Verified);
        Assert.Collection(result.Notifications,
            n =>
            {
                Assert.Equal(PaymentEventKind.Refunded, n.Kind);
                Assert.Equal("re_1", n.RefundId);
                Assert.Equal(new Money(1000, "CNY"), n.Amount);
                Assert.Equal(new Money(4990, "CNY"), n.PaidAmount);
                Assert.Equal(PaymentIntentId, n.ProviderPaymentId);
                Assert.Equal(OrderNumber, n.OrderNumber);
                Assert.Equal("evt_refund1:re_1", n.EventId);
            },
            n =>
            {
                Assert.Equal("re_2", n.RefundId);
                Assert.Equal(new Money(2000, "CNY"), n.Amount);
                Assert.Equal("evt_refund1:re_2", n.EventId);
            });
    }

    [Fact]
    public void ParseWebhook_ChargeRefundedListWithFailedRefund_SkipsIt()
    {
        var refunds = Refund("re_1", 1000) + "," + Refund("re_2", 2000, status: "failed", failureReason: "expired_or_canceled_card");
        var result = gateway.ParseWebhook(Signed(Event("evt_refund2", "charge.refunded", Charge(4990, 1000, refunds), Now)));

        Assert.Equal("re_1", Assert.Single(result.Notifications).RefundId);
    }

    [Fact]
    public void ParseWebhook_ChargeRefundedWithoutListButPreviousAttributes_ReportsTheStep()
    {
        // API versions since 2022-11-15 do not embed charge.refunds; previous_attributes tells the step.
        var payload = Event("evt_refund3", "charge.refunded", Charge(4990, 3000, refundsList: null, metadata: $$"""{ "order_number": "{{OrderNumber}}" }"""),
            Now, previousAttributes: """{ "amount_refunded": 1000, "refunded": false }""");

        var n = Assert.Single(gateway.ParseWebhook(Signed(payload)).Notifications);

        Assert.Equal(PaymentEventKind.Refunded, n.Kind);
        Assert.Equal("ch_3QaBcD2eZvKYlo2C1a2b3c4d:3000", n.RefundId);
        Assert.Equal(new Money(2000, "CNY"), n.Amount);
        Assert.Equal(new Money(4990, "CNY"), n.PaidAmount);
        Assert.Equal("evt_refund3", n.EventId);
    }

    [Fact]
    public void ParseWebhook_ChargeRefundedWithoutListOrPreviousAttributes_ReportsCumulativeAmount()
    {
        var payload = Event("evt_refund4", "charge.refunded", Charge(4990, 4990, refundsList: null, metadata: $$"""{ "order_number": "{{OrderNumber}}" }"""), Now);

        var n = Assert.Single(gateway.ParseWebhook(Signed(payload)).Notifications);

        Assert.Equal("ch_3QaBcD2eZvKYlo2C1a2b3c4d:4990", n.RefundId);
        Assert.Equal(new Money(4990, "CNY"), n.Amount);
    }

    [Fact]
    public void ParseWebhook_ChargeRefundedNamingNoOrder_AcceptsWithoutNotifications()
    {
        var payload = Event("evt_refund5", "charge.refunded", Charge(4990, 4990, Refund("re_9", 4990, orderNumber: null)), Now);

        var result = gateway.ParseWebhook(Signed(payload));

        Assert.True(result.Verified);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_UnrelatedEventType_AcceptsWithoutNotifications()
    {
        var intent = $$"""{ "id": "{{PaymentIntentId}}", "object": "payment_intent", "amount": 4990, "currency": "cny", "metadata": { "order_number": "{{OrderNumber}}" }, "status": "requires_payment_method" }""";
        var result = gateway.ParseWebhook(Signed(Event("evt_pi_created", "payment_intent.created", intent, Now)));

        Assert.True(result.Verified);
        Assert.Null(result.RejectReason);
        Assert.Empty(result.Notifications);
    }

    [Fact]
    public void ParseWebhook_HeaderNameInOtherCase_IsFound()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.completed", Session()), headerName: "stripe-signature"));

        Assert.True(result.Verified);
    }

    [Fact]
    public void ParseWebhook_OneOfSeveralV1SignaturesMatches_Verified()
    {
        // While a secret is being rolled, Stripe signs with both: t=...,v1=<old>,v1=<new>.
        var payload = SessionEvent("checkout.session.completed", Session());
        var t = Now.ToUnixTimeSeconds();
        var other = Sign(payload, "whsec_previous", t).Split(",v1=")[1];
        var header = $"t={t},v1={other},v1={Sign(payload, WebhookSecret, t).Split(",v1=")[1]}";

        var result = gateway.ParseWebhook(new(Encoding.UTF8.GetBytes(payload), "application/json", new Dictionary<string, string> { ["Stripe-Signature"] = header }));

        Assert.True(result.Verified);
    }

    [Fact]
    public void ParseWebhook_SignedWithOtherSecret_Rejected()
    {
        var result = gateway.ParseWebhook(Signed(SessionEvent("checkout.session.completed", Session()), secret: "whsec_forged_by_someone_else"));

        AssertRejected(result);
    }

    [Fact]
    public void ParseWebhook_TimestampOlderThanTolerance_Rejected()
    {
        var payload = SessionEvent("checkout.session.completed", Session());
        var request = Signed(payload, timestamp: Now.ToUnixTimeSeconds());
        clock.Advance(TimeSpan.FromSeconds(301));

        AssertRejected(gateway.ParseWebhook(request));
    }

    [Fact]
    public void ParseWebhook_TimestampAtTolerance_Verified()
    {
        var request = Signed(SessionEvent("checkout.session.completed", Session()), timestamp: Now.ToUnixTimeSeconds());
        clock.Advance(TimeSpan.FromSeconds(300));

        Assert.True(gateway.ParseWebhook(request).Verified);
    }

    [Fact]
    public void ParseWebhook_TimestampFarInFuture_Rejected()
    {
        var request = Signed(SessionEvent("checkout.session.completed", Session()), timestamp: Now.ToUnixTimeSeconds() + 301);

        AssertRejected(gateway.ParseWebhook(request));
    }

    [Fact]
    public void ParseWebhook_BodyTamperedAfterSigning_Rejected()
    {
        var signed = Signed(SessionEvent("checkout.session.completed", Session(amountTotal: 4990)));
        var body = (byte[])signed.Body.Clone();
        var at = Encoding.UTF8.GetString(body).IndexOf("\"amount_total\": 4990", StringComparison.Ordinal) + "\"amount_total\": ".Length;
        body[at] = (byte)'1'; // 4990 -> 1990

        AssertRejected(gateway.ParseWebhook(signed with { Body = body }));
    }

    [Fact]
    public void ParseWebhook_NoSignatureHeader_Rejected()
    {
        var payload = SessionEvent("checkout.session.completed", Session());

        var result = gateway.ParseWebhook(new(Encoding.UTF8.GetBytes(payload), "application/json", new Dictionary<string, string>()));

        AssertRejected(result);
        Assert.Contains("Stripe-Signature", result.RejectReason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=0123456789abcdef")]
    [InlineData("t=1764057600")]
    public void ParseWebhook_MalformedSignatureHeader_Rejected(string header)
    {
        var payload = SessionEvent("checkout.session.completed", Session());

        var result = gateway.ParseWebhook(new(Encoding.UTF8.GetBytes(payload), "application/json", new Dictionary<string, string> { ["Stripe-Signature"] = header }));

        AssertRejected(result);
    }

    [Fact]
    public void ParseWebhook_SignedBodyIsNotJson_Rejected()
    {
        AssertRejected(gateway.ParseWebhook(Signed("{\"id\": \"evt_1\", \"object\": \"event\", ")));
    }

    [Fact]
    public void ParseWebhook_BodyIsNotUtf8_Rejected()
    {
        var request = Signed("{}") with { Body = [0x7b, 0xff, 0xfe, 0x7d] };

        AssertRejected(gateway.ParseWebhook(request));
    }

    [Fact]
    public void Reply_Accepted_Returns200JsonReceived()
    {
        var reply = gateway.Reply(accepted: true);

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("""{"received":true}""", reply.Body);
    }

    [Fact]
    public void Reply_Rejected_Returns400()
    {
        Assert.Equal(400, gateway.Reply(accepted: false).StatusCode);
    }

    private static void AssertRejected(WebhookParseResult result)
    {
        Assert.False(result.Verified);
        Assert.False(string.IsNullOrWhiteSpace(result.RejectReason));
        Assert.Empty(result.Notifications);
    }
}
