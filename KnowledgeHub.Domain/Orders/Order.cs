using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Orders;

/// <summary>
/// An order with price snapshots. It exists before the buyer leaves for the cashier and is fulfilled by a verified payment
/// notification. Every transition is a method here that refuses illegal moves and writes the status history.
/// </summary>
public sealed class Order
{
    public const int NumberMaxLength = 32, ReasonMaxLength = 500, KeyMaxLength = 80;

    private readonly List<OrderLine> lines = [];
    private readonly List<OrderStatusChange> history = [];
    private readonly List<OrderRefund> refunds = [];

    private Order() { }

    public int Id { get; private set; }
    /// <summary>Human-readable unique number, e.g. KH20261125-483920.</summary>
    public string Number { get; private set; } = "";
    public int BuyerId { get; private set; }
    public OrderStatus Status { get; private set; }
    /// <summary>Sum of the lines' list prices (bundle lines at their share of the bundle price).</summary>
    public Money Subtotal { get; private set; } = Money.Zero();
    /// <summary>The coupon's discount over all lines.</summary>
    public Money Discount { get; private set; } = Money.Zero();
    /// <summary>What the buyer pays: Subtotal − Discount.</summary>
    public Money Total { get; private set; } = Money.Zero();
    public int? CouponId { get; private set; }
    public string? CouponCode { get; private set; }
    /// <summary>The provider of the current or successful payment attempt ("sandbox", "stripe", "alipay", "wechat", "free").</summary>
    public string PaymentMethod { get; private set; } = "";
    /// <summary>The provider's id for the current checkout attempt (Stripe session, sandbox payment).</summary>
    public string? ProviderSessionId { get; private set; }
    /// <summary>Where the current attempt is paid: the cashier URL, or the code_url a WeChat QR code encodes.</summary>
    public string? CheckoutUrl { get; private set; }
    /// <summary>The provider's id of the captured payment (trade_no, transaction_id, payment intent).</summary>
    public string? ProviderPaymentId { get; private set; }
    /// <summary>What the provider said was paid (equals Total unless the order needs review).</summary>
    public Money PaidAmount { get; private set; } = Money.Zero();
    public Money RefundedTotal { get; private set; } = Money.Zero();
    /// <summary>The buyer's key for this checkout (a double click or a retried request finds this order again).</summary>
    public string IdempotencyKey { get; private set; } = "";
    /// <summary>What is being bought (sorted items and coupon): two tabs with the same cart share one pending order.</summary>
    public string ContentKey { get; private set; } = "";
    public string? LastPaymentError { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime ExpiresUtc { get; private set; }
    public DateTime? PaidUtc { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    /// <summary>Optimistic concurrency: two settlements of one order never both win.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;
    public IReadOnlyList<OrderStatusChange> History => history;
    public IReadOnlyList<OrderRefund> Refunds => refunds;

    public static Order Place(string number, int buyerId, PricedOrder priced, string paymentMethod, string idempotencyKey,
        string contentKey, DateTime nowUtc, DateTime expiresUtc)
    {
        if (priced.Lines.Count == 0) throw new DomainException("An order needs at least one course.");
        if (priced.Lines.Select(l => l.CourseId).Distinct().Count() != priced.Lines.Count) throw new DomainException("A course appears twice in one order.");
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > KeyMaxLength) throw new DomainException("An order needs an idempotency key.");
        var order = new Order
        {
            Number = number, BuyerId = buyerId, Status = OrderStatus.PendingPayment, PaymentMethod = paymentMethod,
            IdempotencyKey = idempotencyKey, ContentKey = contentKey, CreatedUtc = nowUtc, ExpiresUtc = expiresUtc,
            CouponId = priced.CouponId, CouponCode = priced.CouponCode,
        };
        foreach (var l in priced.Lines) order.lines.Add(new OrderLine(l.CourseId, l.Title, l.ListPrice, l.Discount, l.BundleId, l.BundleTitle));
        order.Subtotal = priced.Subtotal;
        order.Discount = priced.Discount;
        order.Total = priced.Total;
        order.PaidAmount = Money.Zero(priced.Total.Currency);
        order.RefundedTotal = Money.Zero(priced.Total.Currency);
        order.history.Add(new OrderStatusChange(null, OrderStatus.PendingPayment, "placed", null, nowUtc));
        return order;
    }

    /// <summary>An order of the demo seed: placed and, when paid, paid at once with the given provider id.</summary>
    internal static Order Seeded(string number, int buyerId, IReadOnlyCollection<(int CourseId, string Title, Money Price)> items, string paymentMethod,
        DateTime createdUtc, DateTime? paidUtc, string providerPaymentId)
    {
        var priced = PricedOrder.FromLines(items.Select(i => new PricedLine(i.CourseId, i.Title, i.Price, Money.Zero(i.Price.Currency), null, null)).ToList(), null, null);
        var order = Place(number, buyerId, priced, paymentMethod, "seed-" + number, "seed-" + number, createdUtc, createdUtc.AddMinutes(30));
        if (paidUtc is { } paid) order.RecordPayment(paymentMethod, providerPaymentId, order.Total, paid);
        else order.Close(OrderStatus.Expired, "payment window passed", null, createdUtc.AddMinutes(30));
        return order;
    }

    public bool IsPending => Status == OrderStatus.PendingPayment;
    public bool CanStartPayment(DateTime nowUtc) => IsPending && nowUtc < ExpiresUtc;
    public Money ReservedRefunds => refunds.Where(r => r.Status is RefundStatus.Processing)
        .Aggregate(Money.Zero(Total.Currency), (sum, r) => sum.Add(r.Amount));

    /// <summary>The buyer is on their way to a provider's cashier with this attempt.</summary>
    public void AttachCheckout(string provider, string? sessionId, DateTime nowUtc, string? checkoutUrl = null)
    {
        if (!CanStartPayment(nowUtc)) throw new DomainException($"Order {Number} is {Status} and cannot be paid.");
        PaymentMethod = provider;
        ProviderSessionId = sessionId;
        CheckoutUrl = checkoutUrl is { Length: <= 1000 } ? checkoutUrl : null;
        LastPaymentError = null;
    }

    /// <summary>
    /// A verified payment. Pending, cancelled or expired orders become Paid when amount and currency match the total,
    /// NeedsReview when they do not. Returns false when the order was already settled by an earlier payment (no change).
    /// </summary>
    public bool RecordPayment(string provider, string? providerPaymentId, Money amount, DateTime nowUtc)
    {
        if (Status is not (OrderStatus.PendingPayment or OrderStatus.Cancelled or OrderStatus.Expired)) return false;
        var from = Status;
        PaymentMethod = provider;
        ProviderPaymentId = providerPaymentId;
        PaidAmount = amount;
        PaidUtc = nowUtc;
        LastPaymentError = null;
        if (amount == Total)
        {
            Status = OrderStatus.Paid;
            history.Add(new OrderStatusChange(from, Status, from == OrderStatus.PendingPayment ? "paid" : "paid after the order had closed", null, nowUtc));
        }
        else
        {
            Status = OrderStatus.NeedsReview;
            history.Add(new OrderStatusChange(from, Status, $"paid {amount} but the order total is {Total}", null, nowUtc));
        }
        return true;
    }

    /// <summary>An attempt failed (card declined): the order stays open and remembers why, so the buyer can try again.</summary>
    public void RecordFailure(string message)
    {
        if (!IsPending) return;
        LastPaymentError = message.Length > ReasonMaxLength ? message[..ReasonMaxLength] : message;
    }

    /// <summary>Cancelled by the buyer or the provider, or expired. Only an open order closes; a later event never reopens a paid one.</summary>
    public bool Close(OrderStatus to, string reason, int? actorId, DateTime nowUtc)
    {
        if (to is not (OrderStatus.Cancelled or OrderStatus.Expired)) throw new DomainException($"{to} is not a closing status.");
        if (!IsPending) return false;
        history.Add(new OrderStatusChange(Status, to, reason, actorId, nowUtc));
        Status = to;
        ClosedUtc = nowUtc;
        return true;
    }

    /// <summary>An admin accepts a payment that did not match the total (e.g. the buyer paid more by mistake and keeps the courses).</summary>
    public void AcceptReviewedPayment(int adminId, string reason, DateTime nowUtc)
    {
        if (Status != OrderStatus.NeedsReview) throw new DomainException($"Order {Number} is {Status}, not awaiting review.");
        history.Add(new OrderStatusChange(Status, OrderStatus.Paid, reason, adminId, nowUtc));
        Status = OrderStatus.Paid;
    }

    public bool CanRefund(Money amount) =>
        amount.MinorUnits > 0 && amount.Currency == PaidAmount.Currency
        && RefundedTotal.Add(ReservedRefunds).Add(amount).MinorUnits <= PaidAmount.MinorUnits
        && Status is OrderStatus.Paid or OrderStatus.PartiallyRefunded or OrderStatus.NeedsReview;

    /// <summary>None of the lines is refunded already or waiting in a requested or processing refund (no line is refunded twice).</summary>
    public bool CanRefundLines(IReadOnlyCollection<int> lineIds) =>
        lineIds.All(id => lines.Any(l => l.Id == id && !l.IsRefunded))
        && !refunds.Any(r => r.Status is RefundStatus.Requested or RefundStatus.Processing && r.LineIds.Intersect(lineIds).Any());

    /// <summary>Starts a refund: the amount is reserved until the provider confirms (or refuses) it.</summary>
    public OrderRefund RequestRefund(string refundNumber, Money amount, IReadOnlyCollection<int> lineIds, string reason, int? actorId,
        RefundStatus initial, DateTime nowUtc)
    {
        if (initial is not (RefundStatus.Requested or RefundStatus.Processing)) throw new DomainException("A refund starts as requested or processing.");
        if (lineIds.Any(id => lines.All(l => l.Id != id))) throw new DomainException("A refunded line is not in this order.");
        if (!CanRefundLines(lineIds)) throw new DomainException("A line is already refunded or part of an open refund.");
        if (initial == RefundStatus.Processing && !CanRefund(amount)) throw new DomainException($"Order {Number} cannot refund {amount}.");
        var refund = new OrderRefund(refundNumber, amount, lineIds, reason, actorId, initial, nowUtc);
        refunds.Add(refund);
        return refund;
    }

    /// <summary>An admin approves a learner's request: the refund reserves its amount and goes to the provider.</summary>
    public void ApproveRefund(OrderRefund refund, int adminId, DateTime nowUtc)
    {
        if (!refunds.Contains(refund)) throw new DomainException("The refund is not part of this order.");
        if (!CanRefund(refund.Amount)) throw new DomainException($"Order {Number} cannot refund {refund.Amount}.");
        refund.Approve(adminId, nowUtc);
    }

    /// <summary>
    /// Money went back to the buyer. Returns the course ids whose access ends: the refunded lines, or every line when the
    /// whole payment is refunded. Applying the same refund twice changes nothing.
    /// </summary>
    public IReadOnlyList<int> CompleteRefund(OrderRefund refund, string? providerRefundId, DateTime nowUtc)
    {
        if (!refunds.Contains(refund)) throw new DomainException("The refund is not part of this order.");
        if (refund.Status == RefundStatus.Succeeded) return [];
        if (refund.Status != RefundStatus.Processing) throw new DomainException($"Refund {refund.Number} is {refund.Status}.");
        if (RefundedTotal.Add(refund.Amount).MinorUnits > PaidAmount.MinorUnits) throw new DomainException($"Order {Number} would refund more than was paid.");
        refund.Succeed(providerRefundId, nowUtc);
        RefundedTotal = RefundedTotal.Add(refund.Amount);
        var from = Status;
        Status = RefundedTotal == PaidAmount ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        history.Add(new OrderStatusChange(from, Status, $"refund {refund.Number} {refund.Amount}: {refund.Reason}", refund.DecidedById ?? refund.RequestedById, nowUtc));
        var ended = Status == OrderStatus.Refunded ? lines : lines.Where(l => refund.LineIds.Contains(l.Id)).ToList();
        var revoked = new List<int>();
        foreach (var line in ended.Where(l => !l.IsRefunded))
        {
            line.MarkRefunded();
            revoked.Add(line.CourseId);
        }
        return revoked;
    }

    /// <summary>The provider refused the refund or an admin declined the request: the reservation ends.</summary>
    public void FailRefund(OrderRefund refund, RefundStatus to, string note, int? actorId, DateTime nowUtc)
    {
        if (!refunds.Contains(refund)) throw new DomainException("The refund is not part of this order.");
        refund.End(to, note, actorId, nowUtc);
    }

    public OrderRefund? FindRefund(string refundIdOrNumber) =>
        refunds.FirstOrDefault(r => r.Number == refundIdOrNumber || r.ProviderRefundId == refundIdOrNumber);

    public void Note(string reason, int? actorId, DateTime nowUtc) => history.Add(new OrderStatusChange(Status, Status, reason, actorId, nowUtc));
}

public sealed class OrderLine
{
    private OrderLine() { }

    internal OrderLine(int courseId, string courseTitle, Money listPrice, Money discount, int? bundleId, string? bundleTitle)
    {
        if (discount.MinorUnits < 0 || discount.MinorUnits > listPrice.MinorUnits) throw new DomainException("A line's discount must be between zero and its price.");
        CourseId = courseId;
        CourseTitle = courseTitle;
        ListPrice = listPrice;
        Discount = discount;
        Price = listPrice.Subtract(discount);
        BundleId = bundleId;
        BundleTitle = bundleTitle;
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public int CourseId { get; private set; }
    /// <summary>Snapshot of the title when ordered.</summary>
    public string CourseTitle { get; private set; } = "";
    /// <summary>The course's price when ordered; for a bundle, the course's share of the bundle price.</summary>
    public Money ListPrice { get; private set; } = Money.Zero();
    /// <summary>The coupon's share on this line.</summary>
    public Money Discount { get; private set; } = Money.Zero();
    /// <summary>What the buyer pays for this line: ListPrice − Discount.</summary>
    public Money Price { get; private set; } = Money.Zero();
    public int? BundleId { get; private set; }
    public string? BundleTitle { get; private set; }
    /// <summary>A refund covered this line: its course access has ended.</summary>
    public bool IsRefunded { get; private set; }

    internal void MarkRefunded() => IsRefunded = true;
}

/// <summary>One row of an order's status history (From == To for notes such as a declined attempt).</summary>
public sealed class OrderStatusChange
{
    private OrderStatusChange() { }

    internal OrderStatusChange(OrderStatus? from, OrderStatus to, string reason, int? actorId, DateTime atUtc)
    {
        From = from;
        To = to;
        Reason = reason.Length > Order.ReasonMaxLength ? reason[..Order.ReasonMaxLength] : reason;
        ActorId = actorId;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public OrderStatus? From { get; private set; }
    public OrderStatus To { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The user who made the change; null when the system or a provider did.</summary>
    public int? ActorId { get; private set; }
    public DateTime AtUtc { get; private set; }
}
