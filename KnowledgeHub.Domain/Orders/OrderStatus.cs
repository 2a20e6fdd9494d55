namespace KnowledgeHub.Domain.Orders;

/// <summary>
/// PendingPayment → Paid → PartiallyRefunded → Refunded; PendingPayment → Cancelled / Expired; a payment whose amount or
/// currency differs from the order's total → NeedsReview (an admin accepts it or refunds it). A payment that arrives after
/// the order was cancelled or expired still pays it: the buyer's money was taken.
/// </summary>
public enum OrderStatus { PendingPayment = 0, Paid = 1, PartiallyRefunded = 2, Refunded = 3, Cancelled = 4, Expired = 5, NeedsReview = 6 }

public static class OrderStatusExtensions
{
    /// <summary>The buyer has been charged (and not refunded in full): courses are or were delivered.</summary>
    public static bool IsPaid(this OrderStatus status) => status is OrderStatus.Paid or OrderStatus.PartiallyRefunded;

    /// <summary>Cancelled and expired orders no longer hold their coupon redemption.</summary>
    public static bool IsClosedUnpaid(this OrderStatus status) => status is OrderStatus.Cancelled or OrderStatus.Expired;
}
