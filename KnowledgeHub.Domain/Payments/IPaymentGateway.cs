using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Payments;

/// <summary>
/// One payment provider (the sandbox, Stripe, Alipay, WeChat Pay) behind one seam. Adapters translate between our
/// orders and the provider's documented wire format; they never touch the database. Everything a provider tells us
/// arrives as <see cref="PaymentNotification"/>s that <c>PaymentSettlement</c> applies exactly once.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stable lower-case name: "sandbox", "stripe", "alipay", "wechat". Stored on orders and payment events.</summary>
    string Provider { get; }

    /// <summary>Starts a payment for an order that already exists: where to send the buyer (or what to show as a QR code).</summary>
    Task<CheckoutSession> CreateCheckoutAsync(PaymentRequest request, CancellationToken ct);

    /// <summary>
    /// Verifies a webhook/notify request (signature, timestamp, app/merchant ids) and parses it. A request that fails any
    /// check is <see cref="WebhookParseResult.Rejected"/> and must change nothing; a verified request of a kind we do
    /// not act on is accepted with no notifications.
    /// </summary>
    WebhookParseResult ParseWebhook(WebhookRequest request);

    /// <summary>The body the provider expects back: Alipay wants "success", WeChat 204, Stripe and the sandbox 200.</summary>
    WebhookReply Reply(bool accepted);

    /// <summary>Asks the provider what happened to an order's payment (reconciliation after downtime, expiry).</summary>
    Task<PaymentStatusReport> QueryAsync(PaymentQuery query, CancellationToken ct);

    /// <summary>Refunds part or all of a captured payment. Providers that settle refunds later answer Pending.</summary>
    Task<RefundOutcome> RefundAsync(RefundCall request, CancellationToken ct);
}

/// <summary>What a gateway needs to start a payment. Amount is the order total in minor units.</summary>
/// <param name="OrderNumber">Our order number, sent as the merchant order id (out_trade_no, client_reference_id).</param>
/// <param name="ReturnUrl">Absolute URL of the order page the buyer comes back to.</param>
/// <param name="NotifyUrl">Absolute URL of our webhook endpoint for this provider.</param>
public sealed record PaymentRequest(
    string OrderNumber,
    Money Amount,
    string Subject,
    string ReturnUrl,
    string NotifyUrl,
    DateTime ExpiresUtc,
    string? BuyerEmail,
    string? ClientIp);

public enum CheckoutSessionKind { Redirect = 0, QrCode = 1 }

/// <summary>Redirect: send the browser to <see cref="Url"/>. QrCode: show <see cref="Url"/> as a QR code (WeChat code_url).</summary>
/// <param name="ProviderSessionId">The provider's id for this attempt (Stripe cs_..., sandbox payment id), kept on the order.</param>
public sealed record CheckoutSession(CheckoutSessionKind Kind, string Url, string? ProviderSessionId);

/// <summary>A webhook request as received: raw body bytes (signatures are over exact bytes) and headers.</summary>
public sealed record WebhookRequest(byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

public sealed record WebhookParseResult(bool Verified, string? RejectReason, IReadOnlyList<PaymentNotification> Notifications)
{
    public static WebhookParseResult Rejected(string reason) => new(false, reason, []);
    public static WebhookParseResult Accepted(params PaymentNotification[] notifications) => new(true, null, notifications);
}

public sealed record WebhookReply(int StatusCode, string ContentType, string Body);

public enum PaymentEventKind
{
    /// <summary>The buyer paid <see cref="PaymentNotification.Amount"/>.</summary>
    Paid = 0,
    /// <summary>An attempt failed (card declined). The order stays open: the buyer may try again.</summary>
    Failed = 1,
    /// <summary>The provider closed the payment without it being paid (buyer cancelled, session expired).</summary>
    Closed = 2,
    /// <summary>Money went back: <see cref="PaymentNotification.Amount"/> is this refund's amount, <see cref="PaymentNotification.RefundId"/> its id.</summary>
    Refunded = 3,
}

/// <summary>
/// One fact a provider reported. <see cref="EventId"/> is unique per provider (a replay carries the same id);
/// for a refund, <see cref="RefundId"/> identifies the refund whichever event reports it.
/// </summary>
/// <param name="PaidAmount">For Refunded events, the payment's captured amount when the provider says it (lets a refund that
/// arrives before the payment notification settle the payment too).</param>
/// <param name="RefundedTotal">For Refunded events from providers that report a running total (Alipay's refund_fee, Stripe's
/// amount_refunded): everything refunded on the payment so far. A refund we cannot match by id then counts only for what
/// the total exceeds the refunds we already know, so a running total is never counted twice.</param>
public sealed record PaymentNotification(
    string Provider,
    string EventId,
    string OrderNumber,
    PaymentEventKind Kind,
    Money? Amount,
    string? ProviderPaymentId,
    string? RefundId,
    DateTime OccurredUtc,
    string? Message = null,
    Money? PaidAmount = null,
    Money? RefundedTotal = null);

public sealed record PaymentQuery(string OrderNumber, string? ProviderSessionId, string? ProviderPaymentId);

public enum PaymentQueryState { Pending = 0, Paid = 1, Closed = 2, NotFound = 3, Unknown = 4 }

/// <summary>The provider's answer to a status query. Paid carries the amount and payment id.</summary>
public sealed record PaymentStatusReport(PaymentQueryState State, Money? Amount, string? ProviderPaymentId, DateTime? PaidUtc, string? Message = null);

/// <param name="RefundNumber">Our refund number, sent as the idempotency key / out_refund_no (a retry never refunds twice).</param>
/// <param name="PaymentTotal">The captured amount of the payment (Alipay, WeChat need it).</param>
public sealed record RefundCall(string OrderNumber, string ProviderPaymentId, string RefundNumber, Money Amount, Money PaymentTotal, string Reason, string? NotifyUrl = null);

public enum RefundOutcomeState { Succeeded = 0, Pending = 1, Failed = 2 }

public sealed record RefundOutcome(RefundOutcomeState State, string? ProviderRefundId, string? Message);

/// <summary>A provider could not be reached or answered with an error we cannot act on. Callers retry later.</summary>
public sealed class PaymentGatewayException(string message, Exception? inner = null) : Exception(message, inner);
