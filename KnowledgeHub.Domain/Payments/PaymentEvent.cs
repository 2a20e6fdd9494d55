using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Payments;

/// <summary>
/// A verified provider event, kept forever. The unique index on (Provider, EventId) makes a replay a no-op; the order's state
/// is settled from all of its events, so events that arrive out of order converge on the same result.
/// </summary>
public sealed class PaymentEvent
{
    public const int IdMaxLength = 128;

    private PaymentEvent() { }

    public PaymentEvent(PaymentNotification n, int? orderId, DateTime receivedUtc)
    {
        Provider = n.Provider;
        EventId = n.EventId.Length > IdMaxLength ? n.EventId[..IdMaxLength] : n.EventId;
        OrderNumber = n.OrderNumber.Length > 32 ? n.OrderNumber[..32] : n.OrderNumber;
        OrderId = orderId;
        Kind = n.Kind;
        Amount = n.Amount ?? Money.Zero();
        PaidAmount = n.PaidAmount ?? Money.Zero();
        RefundedTotal = n.RefundedTotal ?? Money.Zero();
        ProviderPaymentId = Trim(n.ProviderPaymentId);
        RefundId = Trim(n.RefundId);
        Message = n.Message is { Length: > 300 } m ? m[..300] : n.Message;
        OccurredUtc = n.OccurredUtc;
        ReceivedUtc = receivedUtc;
    }

    private static string? Trim(string? value) => value is { Length: > IdMaxLength } ? value[..IdMaxLength] : value;

    public long Id { get; private set; }
    public string Provider { get; private set; } = "";
    public string EventId { get; private set; } = "";
    public string OrderNumber { get; private set; } = "";
    /// <summary>Null when no order has that number (kept for the record; the provider still gets its 2xx).</summary>
    public int? OrderId { get; private set; }
    public PaymentEventKind Kind { get; private set; }
    /// <summary>Paid: the amount paid. Refunded: this refund's amount. Zero when the event carries none.</summary>
    public Money Amount { get; private set; } = Money.Zero();
    /// <summary>Refunded events: the payment's captured amount when the provider said it, else zero.</summary>
    public Money PaidAmount { get; private set; } = Money.Zero();
    /// <summary>Refunded events: the provider's running total of refunds on the payment, when it reports one; else zero.</summary>
    public Money RefundedTotal { get; private set; } = Money.Zero();
    public string? ProviderPaymentId { get; private set; }
    public string? RefundId { get; private set; }
    public string? Message { get; private set; }
    public DateTime OccurredUtc { get; private set; }
    public DateTime ReceivedUtc { get; private set; }

    public PaymentNotification ToNotification() => new(Provider, EventId, OrderNumber, Kind,
        Amount.IsZero && Kind != PaymentEventKind.Paid ? null : Amount, ProviderPaymentId, RefundId, OccurredUtc, Message,
        PaidAmount.IsZero ? null : PaidAmount, RefundedTotal.IsZero ? null : RefundedTotal);
}
