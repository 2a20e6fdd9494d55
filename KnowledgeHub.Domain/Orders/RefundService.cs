using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Orders;

public static class RefundErrors
{
    public const string Forbidden = "refund.forbidden", NotFound = "refund.not_found", NotRefundable = "refund.not_refundable",
        TooMuch = "refund.too_much", NoReason = "refund.no_reason", WindowPassed = "refund.window_passed", TooMuchProgress = "refund.progress",
        AlreadyRequested = "refund.already_requested", NoLines = "refund.no_lines", ProviderUnavailable = "refund.provider_unavailable",
        ProviderRefused = "refund.provider_refused", NotPending = "refund.not_pending", NotInReview = "refund.not_in_review";
}

/// <summary>What an admin asks for: whole lines (their courses' access ends) or, with no lines, an amount.</summary>
public sealed record RefundInput(IReadOnlyList<int> LineIds, long? AmountMinor, string Reason);

public sealed record RefundResult(string Number, RefundStatus Status, string? Message);

/// <summary>A learner's view of whether a line may still be refunded by request, and why not.</summary>
public sealed record RefundEligibility(int LineId, bool Eligible, string? Reason);

/// <summary>
/// Refunds: admins refund whole lines or an amount; learners ask within the refund window while their progress is low and
/// an admin approves or declines. The amount is reserved on the order before the provider is called with the refund
/// number as idempotency key; the provider's answer (or its notification) completes it and ends access to refunded courses.
/// </summary>
public sealed partial class RefundService(
    IDbContextFactory<KnowledgeHubDbContext> dbFactory,
    PaymentGateways gateways,
    OrderSignals signals,
    IOptions<PaymentOptions> options,
    TimeProvider clock,
    ILogger<RefundService> log)
{
    public async Task<Result<RefundResult>> RefundAsync(int adminId, string orderNumber, RefundInput input, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Reason)) return Result<RefundResult>.Fail(RefundErrors.NoReason, "RefundNoReason");
        string refundNumber;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.IsAdminAsync(adminId, ct)) return Result<RefundResult>.Fail(RefundErrors.Forbidden, "RefundForbidden");
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
            if (order is null) return Result<RefundResult>.Fail(RefundErrors.NotFound, "OrderNotFound");
            var amount = AmountFor(order, input);
            if (amount is null) return Result<RefundResult>.Fail(RefundErrors.NoLines, "RefundNoLines");
            if (!order.CanRefundLines(input.LineIds)) return Result<RefundResult>.Fail(RefundErrors.AlreadyRequested, "RefundLineInOpenRefund");
            if (!order.CanRefund(amount)) return Result<RefundResult>.Fail(RefundErrors.TooMuch, "RefundTooMuch");
            var refund = order.RequestRefund(CheckoutService.NewNumber("RF", clock.GetUtcNow().UtcDateTime), amount, input.LineIds, input.Reason.Trim(),
                adminId, RefundStatus.Processing, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            refundNumber = refund.Number;
        }
        return await ProcessAsync(orderNumber, refundNumber, ct);
    }

    /// <summary>Per line of a paid order: may the buyer still ask for a refund (window, progress, not already refunded or asked)?</summary>
    public async Task<IReadOnlyList<RefundEligibility>> GetEligibilityAsync(int learnerId, string orderNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Number == orderNumber && o.BuyerId == learnerId, ct);
        if (order is null) return [];
        return await EligibilityAsync(db, order, ct);
    }

    private async Task<IReadOnlyList<RefundEligibility>> EligibilityAsync(KnowledgeHubDbContext db, Order order, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var courseIds = order.Lines.Select(l => l.CourseId).ToList();
        var progress = await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == order.BuyerId && courseIds.Contains(e.CourseId))
            .ToDictionaryAsync(e => e.CourseId, e => e.ProgressPercent, ct);
        var asked = order.Refunds.Where(r => r.Status is RefundStatus.Requested or RefundStatus.Processing).SelectMany(r => r.LineIds).ToHashSet();
        return [.. order.Lines.Select(l =>
            !order.Status.IsPaid() || l.IsRefunded || l.Price.IsZero ? new RefundEligibility(l.Id, false, "RefundNotRefundable")
            : asked.Contains(l.Id) ? new RefundEligibility(l.Id, false, "RefundAlreadyRequested")
            : order.PaidUtc is not { } paid || now > paid.AddDays(o.RefundWindowDays) ? new RefundEligibility(l.Id, false, "RefundWindowPassed")
            : progress.GetValueOrDefault(l.CourseId) >= o.RefundMaxProgressPercent ? new RefundEligibility(l.Id, false, "RefundTooMuchProgress")
            : new RefundEligibility(l.Id, true, null))];
    }

    /// <summary>A learner asks for a refund of whole lines of their order. An admin decides.</summary>
    public async Task<Result<RefundResult>> RequestAsync(int learnerId, string orderNumber, IReadOnlyList<int> lineIds, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result<RefundResult>.Fail(RefundErrors.NoReason, "RefundNoReason");
        if (lineIds.Count == 0) return Result<RefundResult>.Fail(RefundErrors.NoLines, "RefundNoLines");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
        if (order is null || order.BuyerId != learnerId) return Result<RefundResult>.Fail(RefundErrors.NotFound, "OrderNotFound");
        var eligibility = await EligibilityAsync(db, order, ct);
        foreach (var id in lineIds.Distinct())
        {
            var e = eligibility.FirstOrDefault(x => x.LineId == id);
            if (e is null) return Result<RefundResult>.Fail(RefundErrors.NoLines, "RefundNoLines");
            if (!e.Eligible) return Result<RefundResult>.Fail(e.Reason switch
            {
                "RefundWindowPassed" => RefundErrors.WindowPassed,
                "RefundTooMuchProgress" => RefundErrors.TooMuchProgress,
                "RefundAlreadyRequested" => RefundErrors.AlreadyRequested,
                _ => RefundErrors.NotRefundable,
            }, e.Reason!);
        }
        var amount = AmountFor(order, new RefundInput(lineIds, null, reason))!;
        var now = clock.GetUtcNow().UtcDateTime;
        var refund = order.RequestRefund(CheckoutService.NewNumber("RF", now), amount, lineIds, reason.Trim(), learnerId, RefundStatus.Requested, now);
        order.Note($"refund {refund.Number} of {amount} requested by the buyer", learnerId, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.Notify(orderNumber);
        return Result.Ok(new RefundResult(refund.Number, refund.Status, null));
    }

    public async Task<Result<RefundResult>> ApproveAsync(int adminId, string orderNumber, string refundNumber, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (!await db.IsAdminAsync(adminId, ct)) return Result<RefundResult>.Fail(RefundErrors.Forbidden, "RefundForbidden");
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
            var refund = order?.Refunds.FirstOrDefault(r => r.Number == refundNumber);
            if (order is null || refund is null) return Result<RefundResult>.Fail(RefundErrors.NotFound, "RefundNotFound");
            if (refund.Status != RefundStatus.Requested) return Result<RefundResult>.Fail(RefundErrors.NotPending, "RefundNotPending");
            if (!order.CanRefund(refund.Amount)) return Result<RefundResult>.Fail(RefundErrors.TooMuch, "RefundTooMuch");
            order.ApproveRefund(refund, adminId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        return await ProcessAsync(orderNumber, refundNumber, ct);
    }

    public async Task<Result> DeclineAsync(int adminId, string orderNumber, string refundNumber, string note, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note)) return Result.Fail(RefundErrors.NoReason, "RefundNoReason");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Result.Fail(RefundErrors.Forbidden, "RefundForbidden");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
        var refund = order?.Refunds.FirstOrDefault(r => r.Number == refundNumber);
        if (order is null || refund is null) return Result.Fail(RefundErrors.NotFound, "RefundNotFound");
        if (refund.Status != RefundStatus.Requested) return Result.Fail(RefundErrors.NotPending, "RefundNotPending");
        var now = clock.GetUtcNow().UtcDateTime;
        order.FailRefund(refund, RefundStatus.Declined, note.Trim(), adminId, now);
        order.Note($"refund {refund.Number} declined: {note.Trim()}", adminId, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.Notify(orderNumber);
        return Result.Ok();
    }

    /// <summary>An admin accepts a payment whose amount did not match: the order becomes Paid and the courses are delivered.</summary>
    public async Task<Result> AcceptPaymentAsync(int adminId, string orderNumber, string note, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(note)) return Result.Fail(RefundErrors.NoReason, "RefundNoReason");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return Result.Fail(RefundErrors.Forbidden, "RefundForbidden");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
        if (order is null) return Result.Fail(RefundErrors.NotFound, "OrderNotFound");
        if (order.Status != OrderStatus.NeedsReview) return Result.Fail(RefundErrors.NotInReview, "OrderNotInReview");
        var now = clock.GetUtcNow().UtcDateTime;
        order.AcceptReviewedPayment(adminId, note.Trim(), now);
        await OrderFulfilment.EnrolAsync(db, order, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.Notify(orderNumber);
        return Result.Ok();
    }

    /// <summary>Refunds approved but not yet confirmed (the provider was down, or answered "pending"): ask again with the same number.</summary>
    public async Task<int> RetryProcessingAsync(TimeSpan olderThan, CancellationToken ct = default)
    {
        List<(string Order, string Refund)> stuck;
        var cutoff = clock.GetUtcNow().UtcDateTime - olderThan;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            stuck = (await (from r in db.OrderRefunds.AsNoTracking()
                            join o in db.Orders.AsNoTracking() on r.OrderId equals o.Id
                            where r.Status == RefundStatus.Processing && r.CreatedUtc <= cutoff
                            select new { o.Number, Refund = r.Number }).Take(100).ToListAsync(ct))
                .Select(x => (x.Number, x.Refund)).ToList();
        foreach (var (order, refund) in stuck) await ProcessAsync(order, refund, ct);
        return stuck.Count;
    }

    /// <summary>Calls the provider for a Processing refund and records its answer. Safe to repeat: the refund number is the idempotency key.</summary>
    private async Task<Result<RefundResult>> ProcessAsync(string orderNumber, string refundNumber, CancellationToken ct)
    {
        RefundCall call;
        IPaymentGateway? gateway;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var order = await OrderFulfilment.LoadAsync(db, orderNumber, ct);
            var refund = order?.Refunds.FirstOrDefault(r => r.Number == refundNumber);
            if (order is null || refund is null) return Result<RefundResult>.Fail(RefundErrors.NotFound, "RefundNotFound");
            if (refund.Status != RefundStatus.Processing) return Result.Ok(new RefundResult(refund.Number, refund.Status, refund.DecisionNote));
            gateway = gateways.Find(order.PaymentMethod);
            if (gateway is null || order.ProviderPaymentId is null)
            {
                await FinishAsync(orderNumber, refundNumber, RefundStatus.Failed, null, $"payment provider '{order.PaymentMethod}' is not available", ct);
                return Result<RefundResult>.Fail(RefundErrors.ProviderUnavailable, "RefundProviderUnavailable");
            }
            call = new RefundCall(order.Number, order.ProviderPaymentId, refund.Number, refund.Amount, order.PaidAmount, refund.Reason);
        }

        RefundOutcome outcome;
        try
        {
            outcome = await gateway.RefundAsync(call, ct);
        }
        catch (PaymentGatewayException e)
        {
            LogRefundDeferred(refundNumber, gateway.Provider, e.Message);
            return Result.Ok(new RefundResult(refundNumber, RefundStatus.Processing, "provider unreachable; will retry"));
        }
        switch (outcome.State)
        {
            case RefundOutcomeState.Succeeded:
                await FinishAsync(orderNumber, refundNumber, RefundStatus.Succeeded, outcome.ProviderRefundId, null, ct);
                return Result.Ok(new RefundResult(refundNumber, RefundStatus.Succeeded, null));
            case RefundOutcomeState.Failed:
                await FinishAsync(orderNumber, refundNumber, RefundStatus.Failed, null, outcome.Message ?? "refused by the provider", ct);
                return Result<RefundResult>.Fail(RefundErrors.ProviderRefused, "RefundProviderRefused");
            default:
                await FinishAsync(orderNumber, refundNumber, RefundStatus.Processing, outcome.ProviderRefundId, null, ct);
                return Result.Ok(new RefundResult(refundNumber, RefundStatus.Processing, outcome.Message));
        }
    }

    private async Task FinishAsync(string orderNumber, string refundNumber, RefundStatus to, string? providerRefundId, string? note, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = (await OrderFulfilment.LoadAsync(db, orderNumber, ct))!;
        var refund = order.Refunds.First(r => r.Number == refundNumber);
        var now = clock.GetUtcNow().UtcDateTime;
        if (refund.Status == RefundStatus.Processing)
        {
            if (to == RefundStatus.Succeeded) await PaymentSettlement.CompleteRefundAsync(db, order, refund, providerRefundId, now, ct);
            else if (to == RefundStatus.Failed)
            {
                order.FailRefund(refund, RefundStatus.Failed, note!, null, now);
                order.Note($"refund {refund.Number} failed: {note}", null, now);
            }
            else if (providerRefundId is not null) refund.SetProviderRefundId(providerRefundId);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signals.Notify(orderNumber);
        LogRefund(refundNumber, orderNumber, refund.Status);
    }

    /// <summary>Whole lines: the sum of their net prices. No lines: the given amount.</summary>
    private static Money? AmountFor(Order order, RefundInput input)
    {
        if (input.LineIds.Count > 0)
        {
            var chosen = order.Lines.Where(l => input.LineIds.Contains(l.Id)).ToList();
            if (chosen.Count != input.LineIds.Distinct().Count() || chosen.Any(l => l.IsRefunded)) return null;
            return chosen.Aggregate(Money.Zero(order.Total.Currency), (s, l) => s.Add(l.Price));
        }
        return input.AmountMinor is > 0 and var minor ? new Money(minor, order.Total.Currency) : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refund {RefundNumber} of order {OrderNumber} is {Status}")]
    private partial void LogRefund(string refundNumber, string orderNumber, RefundStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refund {RefundNumber} could not reach {Provider}: {Reason}; it stays processing and is retried")]
    private partial void LogRefundDeferred(string refundNumber, string provider, string reason);
}
