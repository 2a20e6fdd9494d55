using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Payments.Sandbox;

public enum SandboxPaymentStatus { Open = 0, Paid = 1, Closed = 2 }

/// <summary>
/// The sandbox provider's own record of a payment (its side of the world: it knows nothing about our orders beyond the
/// merchant order number). Kept in the app's database for convenience; only the sandbox code touches these tables.
/// </summary>
public sealed class SandboxPayment
{
    private SandboxPayment() { }

    public SandboxPayment(string id, PaymentRequest request, DateTime nowUtc)
    {
        Id = id;
        OrderNumber = request.OrderNumber;
        Amount = request.Amount;
        Subject = request.Subject.Length > 200 ? request.Subject[..200] : request.Subject;
        ReturnUrl = request.ReturnUrl;
        NotifyUrl = request.NotifyUrl;
        ExpiresUtc = request.ExpiresUtc;
        CreatedUtc = nowUtc;
        Refunded = Money.Zero(request.Amount.Currency);
    }

    public string Id { get; private set; } = "";
    public string OrderNumber { get; private set; } = "";
    public Money Amount { get; private set; } = Money.Zero();
    public Money Refunded { get; private set; } = Money.Zero();
    public string Subject { get; private set; } = "";
    public string ReturnUrl { get; private set; } = "";
    public string NotifyUrl { get; private set; } = "";
    public SandboxPaymentStatus Status { get; private set; }
    public string? LastDecline { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? PaidUtc { get; private set; }

    public bool IsOpen(DateTime nowUtc) => Status == SandboxPaymentStatus.Open && nowUtc < ExpiresUtc;

    internal void Pay(DateTime nowUtc)
    {
        Status = SandboxPaymentStatus.Paid;
        PaidUtc = nowUtc;
        LastDecline = null;
        Attempts++;
    }

    internal void Decline(string reason)
    {
        LastDecline = reason;
        Attempts++;
    }

    internal void Close() => Status = SandboxPaymentStatus.Closed;

    internal void AddRefund(Money amount)
    {
        if (Refunded.Add(amount).MinorUnits > Amount.MinorUnits) throw new DomainException("The sandbox cannot refund more than was paid.");
        Refunded = Refunded.Add(amount);
    }
}

/// <summary>A refund the sandbox made; the merchant's refund number makes a retried request return the same refund.</summary>
public sealed class SandboxRefund
{
    private SandboxRefund() { }

    public SandboxRefund(string id, string paymentId, string refundNumber, Money amount, DateTime nowUtc)
    {
        Id = id;
        PaymentId = paymentId;
        RefundNumber = refundNumber;
        Amount = amount;
        CreatedUtc = nowUtc;
    }

    public string Id { get; private set; } = "";
    public string PaymentId { get; private set; } = "";
    public string RefundNumber { get; private set; } = "";
    public Money Amount { get; private set; } = Money.Zero();
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>
/// The sandbox's outbox: a signed notification waiting to be delivered to the merchant's webhook. Written in the same
/// transaction as the payment change, so a crash never loses one; retried with backoff until a 2xx arrives.
/// </summary>
public sealed class SandboxNotification
{
    public const int MaxAttempts = 30;

    private SandboxNotification() { }

    public SandboxNotification(string eventId, string paymentId, string type, string notifyUrl, string body, DateTime nowUtc)
    {
        EventId = eventId;
        PaymentId = paymentId;
        Type = type;
        NotifyUrl = notifyUrl;
        Body = body;
        CreatedUtc = nowUtc;
        NextAttemptUtc = nowUtc;
    }

    public long Id { get; private set; }
    public string EventId { get; private set; } = "";
    public string PaymentId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string NotifyUrl { get; private set; } = "";
    public string Body { get; private set; } = "";
    public int Attempts { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? NextAttemptUtc { get; private set; }
    public DateTime? DeliveredUtc { get; private set; }
    public string? LastError { get; private set; }

    internal void Delivered(DateTime nowUtc)
    {
        Attempts++;
        DeliveredUtc = nowUtc;
        NextAttemptUtc = null;
        LastError = null;
    }

    /// <summary>Backoff 1 s, 2 s, 4 s … capped at 10 minutes; after <see cref="MaxAttempts"/> the sandbox gives up (as real gateways do).</summary>
    internal void Failed(string error, DateTime nowUtc)
    {
        Attempts++;
        LastError = error.Length > 300 ? error[..300] : error;
        NextAttemptUtc = Attempts >= MaxAttempts ? null : nowUtc.AddSeconds(Math.Min(600, Math.Pow(2, Attempts - 1)));
    }
}
