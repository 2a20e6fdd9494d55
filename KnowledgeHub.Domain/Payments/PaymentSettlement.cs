using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Payments;

public enum SettlementOutcome { Applied = 0, AlreadyProcessed = 1, UnknownOrder = 2 }

/// <summary>
/// Applies verified provider events exactly once. Each event is stored (unique per provider and event id) in the same
/// transaction that changes the order, and the order is settled from all of its stored events: a payment dominates a
/// close, refunds wait for their payment, nothing moves a paid order back. So replays change nothing, and events that
/// arrive late, twice, concurrently or out of order end in the same state as in the right order.
/// </summary>
public sealed partial class PaymentSettlement(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, OrderSignals signals,
    ILogger<PaymentSettlement> log)
{
    public async Task<SettlementOutcome> ApplyAsync(PaymentNotification notification, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await TryApplyAsync(notification, ct);
                if (outcome == SettlementOutcome.Applied) signals.Notify(notification.OrderNumber);
                return outcome;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                LogReplay(notification.Provider, notification.EventId);
                return SettlementOutcome.AlreadyProcessed; // a concurrent delivery of the same event won
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Another event of the same order was settled at the same moment: settle again on fresh state.
            }
        }
    }

    private async Task<SettlementOutcome> TryApplyAsync(PaymentNotification n, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.PaymentEvents.AnyAsync(e => e.Provider == n.Provider && e.EventId == n.EventId, ct))
        {
            LogReplay(n.Provider, n.EventId);
            return SettlementOutcome.AlreadyProcessed;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var order = await OrderFulfilment.LoadAsync(db, n.OrderNumber, ct);
        var stored = new PaymentEvent(n, order?.Id, now);
        db.PaymentEvents.Add(stored);
        if (order is null)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            LogUnknownOrder(n.Provider, n.EventId, n.OrderNumber);
            return SettlementOutcome.UnknownOrder;
        }
        if (n.Kind == PaymentEventKind.Paid && !order.IsPending && !order.Status.IsClosedUnpaid() && n.ProviderPaymentId != order.ProviderPaymentId)
        {
            // The buyer paid the same order twice (e.g. two providers): never silent. The order stays as it is; an admin refunds
            // the second payment at the provider.
            order.Note($"a second payment {n.ProviderPaymentId} of {n.Amount} arrived at {n.Provider} for an order already settled: refund it there", null, now);
            LogSecondPayment(order.Number, n.Provider, n.ProviderPaymentId);
        }
        var earlier = await db.PaymentEvents.AsNoTracking().Where(e => e.OrderId == order.Id).ToListAsync(ct);
        await SettleAsync(db, order, [.. earlier, stored], now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogApplied(n.Provider, n.EventId, n.Kind, order.Number, order.Status);
        return SettlementOutcome.Applied;
    }

    /// <summary>Brings the order in line with everything its provider(s) reported. Idempotent: settling twice changes nothing.</summary>
    internal static async Task SettleAsync(KnowledgeHubDbContext db, Order order, IReadOnlyList<PaymentEvent> events, DateTime now, CancellationToken ct)
    {
        var ordered = events.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Provider, StringComparer.Ordinal).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();

        // 1. A payment (or a refund that says what was paid) settles an open, cancelled or expired order.
        var payment = ordered.FirstOrDefault(e => e.Kind == PaymentEventKind.Paid || (e.Kind == PaymentEventKind.Refunded && !e.PaidAmount.IsZero));
        if (payment is not null)
        {
            var wasClosed = order.Status.IsClosedUnpaid();
            var amount = payment.Kind == PaymentEventKind.Paid ? payment.Amount : payment.PaidAmount;
            if (order.RecordPayment(payment.Provider, payment.ProviderPaymentId, amount, now))
            {
                if (wasClosed) await OrderFulfilment.ReclaimCouponAsync(db, order, ct);
                if (order.Status == OrderStatus.Paid) await OrderFulfilment.EnrolAsync(db, order, now, ct);
            }
        }

        // 2. Without a payment, the provider closing the attempt cancels the order; a failed attempt leaves it open with the reason.
        if (order.IsPending)
        {
            var closed = ordered.LastOrDefault(e => e.Kind == PaymentEventKind.Closed);
            var failed = ordered.LastOrDefault(e => e.Kind == PaymentEventKind.Failed);
            if (closed is not null && (failed is null || closed.OccurredUtc >= failed.OccurredUtc)
                && order.ProviderSessionId is not null && closed.Provider == order.PaymentMethod)
            {
                if (order.Close(OrderStatus.Cancelled, "closed at the payment provider" + (closed.Message is null ? "" : ": " + closed.Message), null, now))
                    await OrderFulfilment.ReleaseCouponAsync(db, order, now, ct);
            }
            else if (failed is not null) order.RecordFailure(failed.Message ?? "payment failed");
        }

        // 3. Refunds apply once the order is paid, each once, by refund id.
        if (order.Status is OrderStatus.Paid or OrderStatus.PartiallyRefunded or OrderStatus.Refunded or OrderStatus.NeedsReview)
        {
            foreach (var e in ordered.Where(e => e.Kind == PaymentEventKind.Refunded && e.RefundId is not null && !e.Amount.IsZero))
            {
                var refund = order.FindRefund(e.RefundId!);
                if (refund is { Status: RefundStatus.Succeeded }) continue;
                if (refund is null && !e.RefundedTotal.IsZero)
                {
                    // A running total: only what exceeds the refunds we know (completed or on their way) is new.
                    var known = order.RefundedTotal.Add(order.ReservedRefunds);
                    var delta = e.RefundedTotal.MinorUnits - known.MinorUnits;
                    if (delta <= 0) continue;
                    var amount = new Money(delta, e.RefundedTotal.Currency);
                    if (!order.CanRefund(amount))
                    {
                        order.Note($"ignored refund {e.RefundId} of {amount}: more than is left to refund", null, now);
                        continue;
                    }
                    refund = order.RequestRefund(e.RefundId!, amount, [], "refunded at the payment provider", null, RefundStatus.Processing, now);
                }
                if (refund is null || refund.Status != RefundStatus.Processing)
                {
                    if (refund is null && !order.CanRefund(e.Amount))
                    {
                        order.Note($"ignored refund {e.RefundId} of {e.Amount}: more than is left to refund", null, now);
                        continue;
                    }
                    refund ??= order.RequestRefund(e.RefundId!, e.Amount, [], "refunded at the payment provider", null, RefundStatus.Processing, now);
                    if (refund.Status != RefundStatus.Processing) continue; // declined or failed on our side, yet refunded there: leave it to an admin
                }
                var revoked = order.CompleteRefund(refund, e.RefundId, now);
                await OrderFulfilment.RevokeAsync(db, order, revoked, now, ct);
            }
        }
    }

    /// <summary>Completes a refund the provider confirmed synchronously (the same path a refund notification takes).</summary>
    internal static async Task CompleteRefundAsync(KnowledgeHubDbContext db, Order order, OrderRefund refund, string? providerRefundId, DateTime now, CancellationToken ct)
    {
        var revoked = order.CompleteRefund(refund, providerRefundId, now);
        await OrderFulfilment.RevokeAsync(db, order, revoked, now, ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment event {Provider}/{EventId} ({Kind}) applied: order {OrderNumber} is {Status}")]
    private partial void LogApplied(string provider, string eventId, PaymentEventKind kind, string orderNumber, OrderStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderNumber} received a second payment {PaymentId} at {Provider}; it needs a refund")]
    private partial void LogSecondPayment(string orderNumber, string provider, string? paymentId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payment event {Provider}/{EventId} was already processed")]
    private partial void LogReplay(string provider, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment event {Provider}/{EventId} names unknown order {OrderNumber}; recorded and acknowledged")]
    private partial void LogUnknownOrder(string provider, string eventId, string orderNumber);
}

/// <summary>In-process signal that an order changed, so an open order page refreshes at once instead of at its next poll.</summary>
public sealed class OrderSignals
{
    public event Action<string>? Changed;

    public void Notify(string orderNumber)
    {
        try { Changed?.Invoke(orderNumber); }
        catch (Exception) { /* a subscriber's failure must not fail the settlement that already committed */ }
    }
}
