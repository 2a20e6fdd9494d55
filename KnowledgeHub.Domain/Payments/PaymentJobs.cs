using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Payments;

/// <summary>
/// Keeps orders honest when notifications do not come: at start-up and every minute it asks the provider about open orders
/// that went to a cashier (a payment confirmed while the app was down is settled, never lost), expires orders whose payment
/// window passed (after asking the provider one last time), and retries refunds the provider has not confirmed.
/// </summary>
public sealed partial class PaymentJobs(IDbContextFactory<KnowledgeHubDbContext> dbFactory, PaymentGateways gateways, PaymentSettlement settlement,
    RefundService refunds, OrderSignals signals, TimeProvider clock, ILogger<PaymentJobs> log) : BackgroundService
{
    /// <summary>Orders younger than this are left to their notification; the buyer may still be at the cashier.</summary>
    public static readonly TimeSpan ReconcileAfter = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try { await RunOnceAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { LogFailed(e); }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await ReconcileAsync(ct);
        await ExpireAsync(ct);
        await refunds.RetryProcessingAsync(TimeSpan.FromMinutes(1), ct);
    }

    /// <summary>Open orders that went to a cashier more than two minutes ago: what does the provider say?</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - ReconcileAfter;
        var open = await OpenOrdersAsync(o => o.CreatedUtc <= cutoff && o.ProviderSessionId != null, ct);
        var settled = 0;
        foreach (var order in open)
            if (await AskProviderAsync(order, ct)) settled++;
        return settled;
    }

    /// <summary>Open orders past their payment window: a last question to the provider, then Expired (the coupon use comes back).</summary>
    public async Task<int> ExpireAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await OpenOrdersAsync(o => o.ExpiresUtc <= now, ct);
        var expired = 0;
        foreach (var order in due)
        {
            if (order.ProviderSessionId is not null && await AskProviderAsync(order, ct)) continue;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var tracked = await db.Orders.SingleAsync(o => o.Id == order.Id, ct);
            if (tracked.Close(OrderStatus.Expired, "payment window passed", null, clock.GetUtcNow().UtcDateTime))
            {
                await OrderFulfilment.ReleaseCouponAsync(db, tracked, clock.GetUtcNow().UtcDateTime, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                signals.Notify(tracked.Number);
                expired++;
            }
        }
        if (expired > 0) LogExpired(expired);
        return expired;
    }

    private sealed record OpenOrder(int Id, string Number, string PaymentMethod, string? ProviderSessionId, string? ProviderPaymentId);

    private async Task<List<OpenOrder>> OpenOrdersAsync(System.Linq.Expressions.Expression<Func<Order, bool>> filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.PendingPayment).Where(filter)
            .OrderBy(o => o.CreatedUtc).Take(500)
            .Select(o => new OpenOrder(o.Id, o.Number, o.PaymentMethod, o.ProviderSessionId, o.ProviderPaymentId)).ToListAsync(ct);
    }

    /// <summary>True when the provider says it was paid (the payment is then settled like a notification).</summary>
    private async Task<bool> AskProviderAsync(OpenOrder order, CancellationToken ct)
    {
        if (gateways.Find(order.PaymentMethod) is not { } gateway) return false;
        PaymentStatusReport report;
        try
        {
            report = await gateway.QueryAsync(new PaymentQuery(order.Number, order.ProviderSessionId, order.ProviderPaymentId), ct);
        }
        catch (PaymentGatewayException e)
        {
            LogQueryFailed(order.Number, gateway.Provider, e.Message);
            return false;
        }
        if (report.State != PaymentQueryState.Paid || report.Amount is null) return false;
        var paymentId = report.ProviderPaymentId ?? order.ProviderSessionId ?? order.Number;
        await settlement.ApplyAsync(new PaymentNotification(gateway.Provider, "query:" + paymentId, order.Number, PaymentEventKind.Paid,
            report.Amount, report.ProviderPaymentId, null, report.PaidUtc ?? clock.GetUtcNow().UtcDateTime), ct);
        LogReconciled(order.Number, gateway.Provider);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} was paid at {Provider} without a notification reaching us; settled by query")]
    private partial void LogReconciled(string orderNumber, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} unpaid orders expired")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask {Provider} about order {OrderNumber}: {Reason}")]
    private partial void LogQueryFailed(string orderNumber, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment jobs failed; they run again in a minute")]
    private partial void LogFailed(Exception e);
}
