using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Orders;

/// <summary>Requested (a learner asked) → Processing (approved, at the provider) → Succeeded; or Declined / Failed.</summary>
public enum RefundStatus { Requested = 0, Processing = 1, Succeeded = 2, Declined = 3, Failed = 4 }

/// <summary>A refund of part or all of an order. Its number is the idempotency key sent to the provider.</summary>
public sealed class OrderRefund
{
    private OrderRefund() { }

    internal OrderRefund(string number, Money amount, IReadOnlyCollection<int> lineIds, string reason, int? requestedById, RefundStatus status, DateTime nowUtc)
    {
        if (amount.MinorUnits <= 0) throw new DomainException("A refund must be more than zero.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("A refund needs a reason.");
        Number = number;
        Amount = amount;
        LineIds = [.. lineIds.Distinct().Order()];
        Reason = reason.Length > Order.ReasonMaxLength ? reason[..Order.ReasonMaxLength] : reason;
        RequestedById = requestedById;
        Status = status;
        CreatedUtc = nowUtc;
        if (status == RefundStatus.Processing) DecidedById = requestedById;
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    /// <summary>e.g. RF20261125-204817; sent to the provider as out_refund_no / the idempotency key.</summary>
    public string Number { get; private set; } = "";
    public Money Amount { get; private set; } = Money.Zero();
    /// <summary>The order lines this refund covers (their courses' access ends); empty for an amount-only refund.</summary>
    public List<int> LineIds { get; private set; } = [];
    public string Reason { get; private set; } = "";
    public RefundStatus Status { get; private set; }
    public int? RequestedById { get; private set; }
    public int? DecidedById { get; private set; }
    public string? DecisionNote { get; private set; }
    public string? ProviderRefundId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? CompletedUtc { get; private set; }

    internal void Approve(int adminId, DateTime nowUtc)
    {
        if (Status != RefundStatus.Requested) throw new DomainException($"Refund {Number} is {Status}, not requested.");
        Status = RefundStatus.Processing;
        DecidedById = adminId;
    }

    internal void SetProviderRefundId(string id) => ProviderRefundId = id;

    internal void Succeed(string? providerRefundId, DateTime nowUtc)
    {
        Status = RefundStatus.Succeeded;
        ProviderRefundId = providerRefundId ?? ProviderRefundId;
        CompletedUtc = nowUtc;
    }

    internal void End(RefundStatus to, string note, int? actorId, DateTime nowUtc)
    {
        if (to is not (RefundStatus.Declined or RefundStatus.Failed)) throw new DomainException($"{to} does not end a refund.");
        if (Status is not (RefundStatus.Requested or RefundStatus.Processing)) throw new DomainException($"Refund {Number} is {Status}.");
        if (to == RefundStatus.Declined && Status != RefundStatus.Requested) throw new DomainException("Only a requested refund can be declined.");
        Status = to;
        DecisionNote = note.Length > Order.ReasonMaxLength ? note[..Order.ReasonMaxLength] : note;
        DecidedById = actorId ?? DecidedById;
        CompletedUtc = nowUtc;
    }
}
