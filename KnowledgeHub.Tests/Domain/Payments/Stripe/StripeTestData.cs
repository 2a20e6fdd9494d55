using System.Security.Cryptography;
using System.Text;
using KnowledgeHub.Domain.Payments.Stripe;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Payments.Stripe;

/// <summary>Objects and webhooks shaped like the examples in Stripe's API reference, and the documented v1 signature.</summary>
internal static class StripeTestData
{
    public const string SecretKey = "sk_test_51KhTestKeyForKnowledgeHub";
    public const string WebhookSecret = "whsec_test_8f2b1c0e9d7a6b5c4d3e2f1a";
    public const string OrderNumber = "KH20261125-000123";
    public const string SessionId = "cs_test_a1B2c3D4e5F6g7H8i9J0";
    public const string PaymentIntentId = "pi_3QaBcD2eZvKYlo2C1x2y3z4w";
    public const string ApiVersion = "2026-10-28.endive";
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    public static StripeGateway Gateway(TimeProvider clock, string apiBase = StripeGatewayOptions.DefaultApiBase) =>
        new(Options.Create(new StripeGatewayOptions
        {
            Enabled = true,
            SecretKey = SecretKey,
            WebhookSecret = WebhookSecret,
            ApiBase = apiBase,
            MaxNetworkRetries = 0,
            TimeoutSeconds = 10,
        }), clock, NullLogger<StripeGateway>.Instance);

    /// <summary>Stripe-Signature as documented: t=&lt;unix&gt;,v1=hex(HMAC-SHA256(secret, "{t}.{payload}")).</summary>
    public static string Sign(string payload, string secret, long timestamp)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    public static string Event(string id, string type, string dataObject, DateTimeOffset created, string? previousAttributes = null) => $$"""
        {
          "id": "{{id}}",
          "object": "event",
          "api_version": "{{ApiVersion}}",
          "created": {{created.ToUnixTimeSeconds()}},
          "data": {
            "object": {{dataObject}}{{(previousAttributes is null ? "" : $",\n    \"previous_attributes\": {previousAttributes}")}}
          },
          "livemode": false,
          "pending_webhooks": 1,
          "request": { "id": null, "idempotency_key": null },
          "type": "{{type}}"
        }
        """;

    public static string Session(string status = "complete", string paymentStatus = "paid", string? clientReferenceId = OrderNumber,
        string? paymentIntent = PaymentIntentId, long amountTotal = 4990, string currency = "cny", string? url = null) => $$"""
        {
          "id": "{{SessionId}}",
          "object": "checkout.session",
          "amount_subtotal": {{amountTotal}},
          "amount_total": {{amountTotal}},
          "cancel_url": "https://shop.example.com/orders/{{OrderNumber}}",
          "client_reference_id": {{Json(clientReferenceId)}},
          "created": {{Now.AddMinutes(-3).ToUnixTimeSeconds()}},
          "currency": "{{currency}}",
          "customer_email": "buyer@example.com",
          "expires_at": {{Now.AddHours(1).ToUnixTimeSeconds()}},
          "livemode": false,
          "metadata": { "order_number": "{{OrderNumber}}" },
          "mode": "payment",
          "payment_intent": {{Json(paymentIntent)}},
          "payment_method_types": ["card"],
          "payment_status": "{{paymentStatus}}",
          "status": "{{status}}",
          "success_url": "https://shop.example.com/orders/{{OrderNumber}}",
          "ui_mode": "hosted",
          "url": {{Json(url)}}
        }
        """;

    public static string Refund(string id, long amount, string status = "succeeded", string? orderNumber = OrderNumber, string? refundNumber = null,
        string? failureReason = null) => $$"""
        {
          "id": "{{id}}",
          "object": "refund",
          "amount": {{amount}},
          "charge": "ch_3QaBcD2eZvKYlo2C1a2b3c4d",
          "created": {{Now.ToUnixTimeSeconds()}},
          "currency": "cny",
          "failure_reason": {{Json(failureReason)}},
          "metadata": {{(orderNumber is null ? "{}" : $"{{ \"order_number\": \"{orderNumber}\", \"refund_number\": \"{refundNumber ?? "RF20261125-000001"}\" }}")}},
          "payment_intent": "{{PaymentIntentId}}",
          "reason": null,
          "status": "{{status}}"
        }
        """;

    public static string Charge(long amount, long amountRefunded, string? refundsList, string metadata = "{}") => $$"""
        {
          "id": "ch_3QaBcD2eZvKYlo2C1a2b3c4d",
          "object": "charge",
          "amount": {{amount}},
          "amount_captured": {{amount}},
          "amount_refunded": {{amountRefunded}},
          "captured": true,
          "created": {{Now.AddDays(-1).ToUnixTimeSeconds()}},
          "currency": "cny",
          "metadata": {{metadata}},
          "paid": true,
          "payment_intent": "{{PaymentIntentId}}",
          "refunded": {{(amountRefunded == amount ? "true" : "false")}},
          {{(refundsList is null ? "" : $"\"refunds\": {{ \"object\": \"list\", \"data\": [{refundsList}], \"has_more\": false, \"url\": \"/v1/charges/ch_3QaBcD2eZvKYlo2C1a2b3c4d/refunds\" }},")}}
          "status": "succeeded"
        }
        """;

    private static string Json(string? value) => value is null ? "null" : $"\"{value}\"";
}
