using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Payments.Sandbox;

/// <summary>The JSON body of a sandbox notification (snake_case like most gateways).</summary>
public sealed record SandboxEventBody(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("created")] long Created,
    [property: JsonPropertyName("data")] SandboxEventData Data);

public sealed record SandboxEventData(
    [property: JsonPropertyName("payment_id")] string PaymentId,
    [property: JsonPropertyName("order_number")] string OrderNumber,
    [property: JsonPropertyName("amount")] long Amount,
    [property: JsonPropertyName("currency")] string Currency,
    [property: JsonPropertyName("paid_amount")] long? PaidAmount = null,
    [property: JsonPropertyName("refund_number")] string? RefundNumber = null,
    [property: JsonPropertyName("message")] string? Message = null);

public static class SandboxEventTypes
{
    public const string Succeeded = "payment.succeeded", Failed = "payment.failed", Cancelled = "payment.cancelled", Refunded = "refund.succeeded";
}

/// <summary>
/// The built-in sandbox provider: a hosted cashier page inside the app (<c>/sandbox/cashier/{id}</c>), signed notifications
/// delivered over real HTTP by <see cref="SandboxNotifier"/> with retries, status queries and refunds. Works offline.
/// </summary>
public sealed class SandboxGateway(IDbContextFactory<KnowledgeHubDbContext> dbFactory, SandboxSignature signature, SandboxNotifier notifier,
    TimeProvider clock) : IPaymentGateway
{
    public const string Name = "sandbox";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Provider => Name;

    public async Task<CheckoutSession> CreateCheckoutAsync(PaymentRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // One write transaction: two concurrent requests for the same order (a double click) cannot both open a payment,
        // so a buyer can never pay one order twice at the sandbox (real providers refuse a second payment of one out_trade_no).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The same order asking again (a retried request, the buyer returning) gets the open payment it already has.
        var open = await db.SandboxPayments.Where(p => p.OrderNumber == request.OrderNumber && p.Status == SandboxPaymentStatus.Open && p.ExpiresUtc > now)
            .OrderByDescending(p => p.CreatedUtc).FirstOrDefaultAsync(ct);
        if (open is null || open.Amount != request.Amount || open.NotifyUrl != request.NotifyUrl)
        {
            open = new SandboxPayment("sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), request, now);
            foreach (var stale in await db.SandboxPayments.Where(p => p.OrderNumber == request.OrderNumber && p.Status == SandboxPaymentStatus.Open).ToListAsync(ct))
                stale.Close(); // an earlier attempt with another amount or address can no longer be paid
            db.SandboxPayments.Add(open);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return new CheckoutSession(CheckoutSessionKind.Redirect, CashierUrl(request.ReturnUrl, open.Id), open.Id);
    }

    /// <summary>The cashier lives in this app: same scheme, host and port as the return URL.</summary>
    internal static string CashierUrl(string returnUrl, string paymentId) =>
        new Uri(new Uri(returnUrl), "/sandbox/cashier/" + paymentId).ToString();

    public WebhookParseResult ParseWebhook(WebhookRequest request)
    {
        var problem = signature.Verify(request.Header(SandboxSignature.Header), request.Body, clock.GetUtcNow());
        if (problem is not null) return WebhookParseResult.Rejected(problem);
        SandboxEventBody? body;
        try { body = JsonSerializer.Deserialize<SandboxEventBody>(request.Body, Json); }
        catch (JsonException) { return WebhookParseResult.Rejected("malformed JSON"); }
        if (body?.Data is not { } d || string.IsNullOrEmpty(body.Id) || string.IsNullOrEmpty(d.OrderNumber) || d.Amount < 0 || d.Currency is not { Length: 3 })
            return WebhookParseResult.Rejected("missing fields");
        var amount = new Money(d.Amount, d.Currency);
        var at = DateTimeOffset.FromUnixTimeSeconds(body.Created).UtcDateTime;
        PaymentNotification? n = body.Type switch
        {
            SandboxEventTypes.Succeeded => new(Name, body.Id, d.OrderNumber, PaymentEventKind.Paid, amount, d.PaymentId, null, at),
            SandboxEventTypes.Failed => new(Name, body.Id, d.OrderNumber, PaymentEventKind.Failed, null, d.PaymentId, null, at, d.Message),
            SandboxEventTypes.Cancelled => new(Name, body.Id, d.OrderNumber, PaymentEventKind.Closed, null, d.PaymentId, null, at, d.Message),
            SandboxEventTypes.Refunded when d.RefundNumber is not null => new(Name, body.Id, d.OrderNumber, PaymentEventKind.Refunded, amount, d.PaymentId,
                d.RefundNumber, at, null, d.PaidAmount is { } paid ? new Money(paid, d.Currency) : null),
            _ => null,
        };
        return n is null ? WebhookParseResult.Accepted() : WebhookParseResult.Accepted(n);
    }

    public WebhookReply Reply(bool accepted) => accepted
        ? new WebhookReply(200, "application/json", "{\"received\":true}")
        : new WebhookReply(400, "application/json", "{\"received\":false}");

    public async Task<PaymentStatusReport> QueryAsync(PaymentQuery query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payments = await db.SandboxPayments.AsNoTracking().Where(p => p.OrderNumber == query.OrderNumber).ToListAsync(ct);
        if (payments.Count == 0) return new PaymentStatusReport(PaymentQueryState.NotFound, null, null, null);
        var paid = payments.Where(p => p.Status == SandboxPaymentStatus.Paid).OrderBy(p => p.PaidUtc).FirstOrDefault();
        if (paid is not null) return new PaymentStatusReport(PaymentQueryState.Paid, paid.Amount, paid.Id, paid.PaidUtc);
        var now = clock.GetUtcNow().UtcDateTime;
        return payments.Any(p => p.IsOpen(now))
            ? new PaymentStatusReport(PaymentQueryState.Pending, null, null, null)
            : new PaymentStatusReport(PaymentQueryState.Closed, null, null, null);
    }

    public async Task<RefundOutcome> RefundAsync(RefundCall request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var existing = await db.SandboxRefunds.AsNoTracking().SingleOrDefaultAsync(r => r.RefundNumber == request.RefundNumber, ct);
        if (existing is not null) return new RefundOutcome(RefundOutcomeState.Succeeded, existing.Id, null);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.Id == request.ProviderPaymentId && p.OrderNumber == request.OrderNumber, ct);
        if (payment is not { Status: SandboxPaymentStatus.Paid }) return new RefundOutcome(RefundOutcomeState.Failed, null, "no such captured payment");
        if (request.Amount.Currency != payment.Amount.Currency || payment.Refunded.Add(request.Amount).MinorUnits > payment.Amount.MinorUnits)
            return new RefundOutcome(RefundOutcomeState.Failed, null, "refund exceeds the amount left on the payment");
        var now = clock.GetUtcNow().UtcDateTime;
        var refund = new SandboxRefund("sbr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), payment.Id, request.RefundNumber, request.Amount, now);
        payment.AddRefund(request.Amount);
        db.SandboxRefunds.Add(refund);
        // Like real gateways, the sandbox also notifies the refund; settlement matches it to ours by the refund number.
        Enqueue(db, payment, SandboxEventTypes.Refunded, request.Amount, now, refundNumber: request.RefundNumber, paidAmount: payment.Amount);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return new RefundOutcome(RefundOutcomeState.Succeeded, refund.Id, null);
    }

    internal static void Enqueue(KnowledgeHubDbContext db, SandboxPayment payment, string type, Money amount, DateTime now,
        string? refundNumber = null, Money? paidAmount = null, string? message = null)
    {
        var id = "sbe_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var body = new SandboxEventBody(id, type, new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeSeconds(),
            new SandboxEventData(payment.Id, payment.OrderNumber, amount.MinorUnits, amount.Currency, paidAmount?.MinorUnits, refundNumber, message));
        db.SandboxNotifications.Add(new SandboxNotification(id, payment.Id, type, payment.NotifyUrl, JsonSerializer.Serialize(body, Json), now));
    }
}
