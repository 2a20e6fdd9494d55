using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;

namespace KnowledgeHub.Tests.Domain.Orders;

/// <summary>Every legal and illegal transition of the order aggregate, without a database.</summary>
public sealed class OrderStateMachineTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);
    private static Money Fen(long fen) => new(fen, Money.Cny);

    private static Order NewOrder(params long[] prices)
    {
        var lines = prices.Select((p, i) => new PricedLine(i + 1, $"课程 {i + 1}", Fen(p), Fen(0), null, null)).ToList();
        return Order.Place("KH20261125-000001", 7, PricedOrder.FromLines(lines, null, null), "sandbox", "key", "content", Now, Now.AddMinutes(30));
    }

    /// <summary>Order in the given state, reached through legal moves only.</summary>
    private static Order InState(OrderStatus status)
    {
        var order = NewOrder(4990, 2990);
        switch (status)
        {
            case OrderStatus.PendingPayment: break;
            case OrderStatus.Paid: order.RecordPayment("sandbox", "p1", Fen(7980), Now); break;
            case OrderStatus.NeedsReview: order.RecordPayment("sandbox", "p1", Fen(100), Now); break;
            case OrderStatus.Cancelled: order.Close(OrderStatus.Cancelled, "buyer", 7, Now); break;
            case OrderStatus.Expired: order.Close(OrderStatus.Expired, "window", null, Now); break;
            case OrderStatus.PartiallyRefunded:
                order.RecordPayment("sandbox", "p1", Fen(7980), Now);
                order.CompleteRefund(order.RequestRefund("RF1", Fen(1000), [], "part", 1, RefundStatus.Processing, Now), null, Now);
                break;
            case OrderStatus.Refunded:
                order.RecordPayment("sandbox", "p1", Fen(7980), Now);
                order.CompleteRefund(order.RequestRefund("RF1", Fen(7980), [], "all", 1, RefundStatus.Processing, Now), null, Now);
                break;
        }
        Assert.Equal(status, order.Status);
        return order;
    }

    [Fact]
    public void Place_TwoCourses_PendingWithTotalsAndHistory()
    {
        var order = NewOrder(4990, 2990);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(Fen(7980), order.Total);
        Assert.Equal(Fen(7980), order.Subtotal);
        Assert.Single(order.History);
    }

    [Fact]
    public void Place_SameCourseTwice_Throws()
    {
        var line = new PricedLine(1, "A", Fen(100), Fen(0), null, null);
        Assert.Throws<DomainException>(() => Order.Place("N", 1, PricedOrder.FromLines([line, line], null, null), "sandbox", "k", "c", Now, Now));
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Paid)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Paid)]
    [InlineData(OrderStatus.Expired, OrderStatus.Paid)]
    public void RecordPayment_ExactAmountFromOpenOrClosed_Paid(OrderStatus from, OrderStatus to)
    {
        var order = InState(from);
        Assert.True(order.RecordPayment("sandbox", "p9", Fen(7980), Now));
        Assert.Equal(to, order.Status);
        Assert.Equal(Fen(7980), order.PaidAmount);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    [InlineData(OrderStatus.Refunded)]
    [InlineData(OrderStatus.NeedsReview)]
    public void RecordPayment_AlreadySettled_NoChange(OrderStatus status)
    {
        var order = InState(status);
        var history = order.History.Count;
        Assert.False(order.RecordPayment("sandbox", "p2", Fen(7980), Now));
        Assert.Equal(status, order.Status);
        Assert.Equal(history, order.History.Count);
    }

    [Theory]
    [InlineData(7979, Money.Cny)]
    [InlineData(7981, Money.Cny)]
    [InlineData(7980, "USD")]
    public void RecordPayment_WrongAmountOrCurrency_NeedsReviewNotPaid(long fen, string currency)
    {
        var order = NewOrder(4990, 2990);
        order.RecordPayment("stripe", "pi_1", new Money(fen, currency), Now);
        Assert.Equal(OrderStatus.NeedsReview, order.Status);
        Assert.Contains("order total", order.History[^1].Reason);
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Expired, true)]
    [InlineData(OrderStatus.Paid, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Paid, OrderStatus.Expired, false)]
    [InlineData(OrderStatus.Refunded, OrderStatus.Expired, false)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Expired, false)]
    [InlineData(OrderStatus.Expired, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.NeedsReview, OrderStatus.Cancelled, false)]
    public void Close_FromEachState_OnlyOpenOrdersClose(OrderStatus from, OrderStatus to, bool closes)
    {
        var order = InState(from);
        Assert.Equal(closes, order.Close(to, "reason", null, Now));
        Assert.Equal(closes ? to : from, order.Status);
    }

    [Theory]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Refunded)]
    [InlineData(OrderStatus.PendingPayment)]
    public void Close_ToNonClosingStatus_Throws(OrderStatus to) =>
        Assert.Throws<DomainException>(() => NewOrder(100).Close(to, "x", null, Now));

    [Theory]
    [InlineData(OrderStatus.PendingPayment)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Expired)]
    [InlineData(OrderStatus.Refunded)]
    public void RequestRefund_NotPaid_Throws(OrderStatus status) =>
        Assert.Throws<DomainException>(() => InState(status).RequestRefund("RF2", Fen(100), [], "x", 1, RefundStatus.Processing, Now));

    [Fact]
    public void CompleteRefund_PartThenRest_PartiallyRefundedThenRefunded()
    {
        var order = InState(OrderStatus.Paid);
        order.CompleteRefund(order.RequestRefund("RF1", Fen(2990), [], "part", 1, RefundStatus.Processing, Now), null, Now);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        var revoked = order.CompleteRefund(order.RequestRefund("RF2", Fen(4990), [], "rest", 1, RefundStatus.Processing, Now), null, Now);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal([1, 2], revoked.Order());
    }

    [Fact]
    public void RequestRefund_MoreThanLeft_Throws()
    {
        var order = InState(OrderStatus.PartiallyRefunded); // 10.00 of 79.80 refunded
        Assert.False(order.CanRefund(Fen(6981)));
        Assert.Throws<DomainException>(() => order.RequestRefund("RF2", Fen(6981), [], "x", 1, RefundStatus.Processing, Now));
        Assert.True(order.CanRefund(Fen(6980)));
    }

    [Fact]
    public void RequestRefund_ProcessingRefundsReserveTheirAmount()
    {
        var order = InState(OrderStatus.Paid);
        order.RequestRefund("RF1", Fen(7000), [], "x", 1, RefundStatus.Processing, Now);
        Assert.False(order.CanRefund(Fen(981)));
        Assert.True(order.CanRefund(Fen(980)));
    }

    [Fact]
    public void AcceptReviewedPayment_OnlyFromNeedsReview()
    {
        var review = InState(OrderStatus.NeedsReview);
        review.AcceptReviewedPayment(1, "buyer keeps it", Now);
        Assert.Equal(OrderStatus.Paid, review.Status);
        Assert.Throws<DomainException>(() => InState(OrderStatus.Paid).AcceptReviewedPayment(1, "x", Now));
        Assert.Throws<DomainException>(() => InState(OrderStatus.PendingPayment).AcceptReviewedPayment(1, "x", Now));
    }

    [Fact]
    public void AttachCheckout_AfterExpiryOrWhenPaid_Throws()
    {
        Assert.Throws<DomainException>(() => NewOrder(100).AttachCheckout("sandbox", "s", Now.AddMinutes(31)));
        Assert.Throws<DomainException>(() => InState(OrderStatus.Paid).AttachCheckout("sandbox", "s", Now));
        var open = NewOrder(100);
        open.RecordFailure("declined");
        open.AttachCheckout("alipay", null, Now.AddMinutes(5));
        Assert.Equal("alipay", open.PaymentMethod);
        Assert.Null(open.LastPaymentError);
    }

    [Fact]
    public void Split_AnyAmountAndWeights_PartsAddUpExactly()
    {
        var rng = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var weights = Enumerable.Range(0, rng.Next(1, 8)).Select(_ => (long)rng.Next(1, 100_000)).ToList();
            var amount = rng.NextInt64(0, weights.Sum() + 1);
            var parts = MoneySplit.Proportionally(amount, weights);
            Assert.Equal(amount, parts.Sum());
            Assert.All(parts.Zip(weights), p => Assert.InRange(p.First, 0, p.Second));
        }
    }
}
