using System.Net;
using System.Net.Sockets;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Stripe;
using Microsoft.Extensions.Time.Testing;
using static KnowledgeHub.Tests.Domain.Payments.Stripe.StripeTestData;

namespace KnowledgeHub.Tests.Domain.Payments.Stripe;

/// <summary>The adapter against a fake Stripe API on loopback: what it sends, and how it reads the answers.</summary>
public sealed class StripeOutboundTests : IAsyncLifetime
{
    private const string CheckoutUrl = "https://checkout.stripe.com/c/pay/cs_test_a1B2c3D4e5F6g7H8i9J0#fidkdWxOYHwnPyd1blpxYHZxWjA0";
    private readonly FakeTimeProvider clock = Clock();
    private FakeStripeServer server = null!;
    private StripeGateway gateway = null!;

    public async Task InitializeAsync()
    {
        server = await FakeStripeServer.StartAsync();
        gateway = Gateway(clock, server.Url);
    }

    public async Task DisposeAsync()
    {
        gateway.Dispose();
        await server.DisposeAsync();
    }

    private static PaymentRequest Request(DateTime expiresUtc, string? email = "buyer@example.com") => new(
        OrderNumber, new Money(4990, "CNY"), "Rust 从入门到精通", $"https://shop.example.com/orders/{OrderNumber}",
        "https://shop.example.com/webhooks/stripe", expiresUtc, email, "203.0.113.7");

    [Fact]
    public async Task CreateCheckoutAsync_ValidRequest_SendsSessionFormAndReturnsRedirect()
    {
        server.CreateSession = _ => new(200, Session(status: "open", paymentStatus: "unpaid", paymentIntent: null, url: CheckoutUrl));
        var expires = Now.UtcDateTime.AddHours(2);

        var session = await gateway.CreateCheckoutAsync(Request(expires), CancellationToken.None);

        Assert.Equal(CheckoutSessionKind.Redirect, session.Kind);
        Assert.Equal(CheckoutUrl, session.Url);
        Assert.Equal(SessionId, session.ProviderSessionId);
        var call = Assert.Single(server.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v1/checkout/sessions", call.Path);
        Assert.Equal($"Bearer {SecretKey}", call.Header("Authorization"));
        Assert.Equal($"checkout-{OrderNumber}-{expires.Ticks}", call.Header("Idempotency-Key"));
        var form = call.Form;
        Assert.Equal("payment", form["mode"]);
        Assert.Equal("1", form["line_items[0][quantity]"]);
        Assert.Equal("cny", form["line_items[0][price_data][currency]"]);
        Assert.Equal("4990", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("Rust 从入门到精通", form["line_items[0][price_data][product_data][name]"]);
        Assert.Equal(OrderNumber, form["client_reference_id"]);
        Assert.Equal(OrderNumber, form["metadata[order_number]"]);
        Assert.Equal(OrderNumber, form["payment_intent_data[metadata][order_number]"]);
        Assert.Equal($"https://shop.example.com/orders/{OrderNumber}", form["success_url"]);
        Assert.Equal($"https://shop.example.com/orders/{OrderNumber}", form["cancel_url"]);
        Assert.Equal("buyer@example.com", form["customer_email"]);
        Assert.Equal(new DateTimeOffset(expires).ToUnixTimeSeconds().ToString(), form["expires_at"]);
    }

    [Fact]
    public async Task CreateCheckoutAsync_NoBuyerEmail_OmitsCustomerEmail()
    {
        server.CreateSession = _ => new(200, Session(status: "open", paymentStatus: "unpaid", paymentIntent: null, url: CheckoutUrl));

        await gateway.CreateCheckoutAsync(Request(Now.UtcDateTime.AddHours(2), email: null), CancellationToken.None);

        Assert.False(Assert.Single(server.Calls).Form.ContainsKey("customer_email"));
    }

    [Fact]
    public async Task CreateCheckoutAsync_ExpiryUnderThirtyMinutes_ClampsToStripeMinimumAndKeysOnIt()
    {
        server.CreateSession = _ => new(200, Session(status: "open", paymentStatus: "unpaid", paymentIntent: null, url: CheckoutUrl));
        clock.Advance(TimeSpan.FromSeconds(20)); // the order was placed 20 s ago with the default 30-minute window
        var expires = Now.UtcDateTime.AddMinutes(30);

        await gateway.CreateCheckoutAsync(Request(expires), CancellationToken.None);

        var call = Assert.Single(server.Calls);
        var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(call.Form["expires_at"]));
        var now = clock.GetUtcNow();
        Assert.InRange(sent, now.AddMinutes(30), now.AddMinutes(32));
        Assert.Equal(0, sent.Second);
        Assert.Equal($"checkout-{OrderNumber}-{expires.Ticks}-{sent.ToUnixTimeSeconds()}", call.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task CreateCheckoutAsync_ExpiryBeyondOneDay_ClampsUnderOneDay()
    {
        server.CreateSession = _ => new(200, Session(status: "open", paymentStatus: "unpaid", paymentIntent: null, url: CheckoutUrl));

        await gateway.CreateCheckoutAsync(Request(Now.UtcDateTime.AddDays(3)), CancellationToken.None);

        var sent = DateTimeOffset.FromUnixTimeSeconds(long.Parse(Assert.Single(server.Calls).Form["expires_at"]));
        Assert.InRange(sent, Now.AddHours(23), Now.AddHours(24));
    }

    [Fact]
    public async Task CreateCheckoutAsync_InvalidRequest_ThrowsPaymentGatewayException()
    {
        server.CreateSession = _ => FakeStripeServer.Error(400, "invalid_request_error", "parameter_invalid_integer", "Invalid integer: -1");

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCheckoutAsync(Request(Now.UtcDateTime.AddHours(2)), CancellationToken.None));

        Assert.Contains("Invalid integer", ex.Message);
    }

    [Fact]
    public async Task CreateCheckoutAsync_ServerError_ThrowsPaymentGatewayException()
    {
        server.CreateSession = _ => FakeStripeServer.Error(500, "api_error", null, "An unknown error occurred.");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCheckoutAsync(Request(Now.UtcDateTime.AddHours(2)), CancellationToken.None));
    }

    [Fact]
    public async Task CreateCheckoutAsync_ApiUnreachable_ThrowsPaymentGatewayException()
    {
        using var unreachable = Gateway(clock, $"http://127.0.0.1:{ClosedPort()}");

        var ex = await Assert.ThrowsAsync<PaymentGatewayException>(() => unreachable.CreateCheckoutAsync(Request(Now.UtcDateTime.AddHours(2)), CancellationToken.None));

        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task QueryAsync_CompleteAndPaid_ReturnsPaidWithAmountAndPaymentIntent()
    {
        string? asked = null;
        server.GetSession = id => { asked = id; return new(200, Session()); };

        var report = await gateway.QueryAsync(new PaymentQuery(OrderNumber, SessionId, null), CancellationToken.None);

        Assert.Equal(SessionId, asked);
        Assert.Equal(PaymentQueryState.Paid, report.State);
        Assert.Equal(new Money(4990, "CNY"), report.Amount);
        Assert.Equal(PaymentIntentId, report.ProviderPaymentId);
        var call = Assert.Single(server.Calls);
        Assert.Equal("GET", call.Method);
        Assert.Equal($"Bearer {SecretKey}", call.Header("Authorization"));
    }

    [Theory]
    [InlineData("open", "unpaid", PaymentQueryState.Pending)]
    [InlineData("complete", "unpaid", PaymentQueryState.Pending)]
    [InlineData("expired", "unpaid", PaymentQueryState.Closed)]
    public async Task QueryAsync_SessionState_MapsToQueryState(string status, string paymentStatus, PaymentQueryState expected)
    {
        server.GetSession = _ => new(200, Session(status: status, paymentStatus: paymentStatus, paymentIntent: null));

        var report = await gateway.QueryAsync(new PaymentQuery(OrderNumber, SessionId, null), CancellationToken.None);

        Assert.Equal(expected, report.State);
        Assert.Null(report.Amount);
    }

    [Fact]
    public async Task QueryAsync_UnknownSession_ReturnsNotFound()
    {
        server.GetSession = id => FakeStripeServer.Error(404, "invalid_request_error", "resource_missing", $"No such checkout.session: '{id}'");

        var report = await gateway.QueryAsync(new PaymentQuery(OrderNumber, "cs_test_missing", null), CancellationToken.None);

        Assert.Equal(PaymentQueryState.NotFound, report.State);
        Assert.Contains("cs_test_missing", report.Message);
    }

    [Fact]
    public async Task QueryAsync_SessionOfAnotherOrder_ReturnsUnknown()
    {
        server.GetSession = _ => new(200, Session(clientReferenceId: "KH20261125-999999"));

        var report = await gateway.QueryAsync(new PaymentQuery(OrderNumber, SessionId, null), CancellationToken.None);

        Assert.Equal(PaymentQueryState.Unknown, report.State);
    }

    [Fact]
    public async Task QueryAsync_NoSessionId_ReturnsUnknownWithoutCallingStripe()
    {
        var report = await gateway.QueryAsync(new PaymentQuery(OrderNumber, null, null), CancellationToken.None);

        Assert.Equal(PaymentQueryState.Unknown, report.State);
        Assert.Empty(server.Calls);
    }

    [Fact]
    public async Task QueryAsync_BadApiKey_ThrowsPaymentGatewayException()
    {
        server.GetSession = _ => FakeStripeServer.Error(401, "invalid_request_error", null, "Invalid API Key provided: sk_test_****");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(new PaymentQuery(OrderNumber, SessionId, null), CancellationToken.None));
    }

    private static RefundCall RefundRequest(long amount = 2000) => new(OrderNumber, PaymentIntentId, "RF20261125-000001",
        new Money(amount, "CNY"), new Money(4990, "CNY"), "Course not as described");

    [Fact]
    public async Task RefundAsync_Succeeded_SendsRefundFormAndReturnsSucceeded()
    {
        server.CreateRefund = _ => new(200, Refund("re_3QaBcD2eZvKYlo2C0r1e2f3u", 2000));

        var outcome = await gateway.RefundAsync(RefundRequest(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Succeeded, outcome.State);
        Assert.Equal("re_3QaBcD2eZvKYlo2C0r1e2f3u", outcome.ProviderRefundId);
        var call = Assert.Single(server.Calls);
        Assert.Equal(("POST", "/v1/refunds"), (call.Method, call.Path));
        Assert.Equal($"Bearer {SecretKey}", call.Header("Authorization"));
        Assert.Equal("RF20261125-000001", call.Header("Idempotency-Key"));
        Assert.Equal(PaymentIntentId, call.Form["payment_intent"]);
        Assert.Equal("2000", call.Form["amount"]);
        Assert.Equal(OrderNumber, call.Form["metadata[order_number]"]);
        Assert.Equal("RF20261125-000001", call.Form["metadata[refund_number]"]);
        Assert.Equal("Course not as described", call.Form["metadata[reason]"]);
    }

    [Theory]
    [InlineData("pending", RefundOutcomeState.Pending)]
    [InlineData("requires_action", RefundOutcomeState.Pending)]
    [InlineData("failed", RefundOutcomeState.Failed)]
    [InlineData("canceled", RefundOutcomeState.Failed)]
    public async Task RefundAsync_RefundStatus_MapsToOutcome(string status, RefundOutcomeState expected)
    {
        server.CreateRefund = _ => new(200, Refund("re_1", 2000, status: status, failureReason: status == "failed" ? "lost_or_stolen_card" : null));

        var outcome = await gateway.RefundAsync(RefundRequest(), CancellationToken.None);

        Assert.Equal(expected, outcome.State);
        Assert.Equal("re_1", outcome.ProviderRefundId);
    }

    [Fact]
    public async Task RefundAsync_AlreadyRefunded_ReturnsFailedWithStripeMessage()
    {
        server.CreateRefund = _ => FakeStripeServer.Error(400, "invalid_request_error", "charge_already_refunded",
            "Charge ch_3QaBcD2eZvKYlo2C1a2b3c4d has already been refunded.");

        var outcome = await gateway.RefundAsync(RefundRequest(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Failed, outcome.State);
        Assert.Null(outcome.ProviderRefundId);
        Assert.Equal("Charge ch_3QaBcD2eZvKYlo2C1a2b3c4d has already been refunded.", outcome.Message);
    }

    [Theory]
    [InlineData(429, "invalid_request_error", "rate_limit")]
    [InlineData(409, "idempotency_error", null)]
    [InlineData(500, "api_error", null)]
    public async Task RefundAsync_RetryableError_ThrowsPaymentGatewayException(int status, string type, string? code)
    {
        server.CreateRefund = _ => FakeStripeServer.Error(status, type, code, "Try again later.");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(RefundRequest(), CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_ApiUnreachable_ThrowsPaymentGatewayException()
    {
        using var unreachable = Gateway(clock, $"http://127.0.0.1:{ClosedPort()}");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => unreachable.RefundAsync(RefundRequest(), CancellationToken.None));
    }

    /// <summary>A loopback port nobody listens on (bound once, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
