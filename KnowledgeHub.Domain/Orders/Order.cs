using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Orders;

public enum OrderStatus { PendingPayment = 0, Paid = 1, PartiallyRefunded = 2, Refunded = 3, Cancelled = 4, Expired = 5 }

/// <summary>An order with price snapshots. It is created before payment and fulfilled on a verified payment.</summary>
public sealed class Order
{
    private readonly List<OrderLine> lines = [];

    private Order() { }

    public int Id { get; private set; }
    /// <summary>Human-readable unique number, e.g. KH20260115-000123.</summary>
    public string Number { get; private set; } = "";
    public int BuyerId { get; private set; }
    public OrderStatus Status { get; private set; }
    public Money Total { get; private set; } = Money.Zero();
    public string PaymentMethod { get; private set; } = "";
    public string? ProviderPaymentId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? PaidUtc { get; private set; }
    public IReadOnlyList<OrderLine> Lines => lines;

    public static Order Place(string number, int buyerId, IReadOnlyCollection<(int CourseId, string Title, Money Price)> items, string paymentMethod, DateTime nowUtc)
    {
        if (items.Count == 0) throw new DomainException("An order needs at least one course.");
        if (items.Select(i => i.CourseId).Distinct().Count() != items.Count) throw new DomainException("A course appears twice in one order.");
        var order = new Order { Number = number, BuyerId = buyerId, Status = OrderStatus.PendingPayment, PaymentMethod = paymentMethod, CreatedUtc = nowUtc };
        foreach (var (courseId, title, price) in items) order.lines.Add(new OrderLine(courseId, title, price));
        order.Total = items.Select(i => i.Price).Aggregate((a, b) => a.Add(b));
        return order;
    }

    public bool CanMarkPaid => Status == OrderStatus.PendingPayment;

    public void MarkPaid(string providerPaymentId, Money amount, DateTime nowUtc)
    {
        if (!CanMarkPaid) throw new DomainException($"Order {Number} is {Status} and cannot be paid.");
        if (amount != Total) throw new DomainException($"Order {Number} expects {Total} but {amount} was paid.");
        Status = OrderStatus.Paid;
        ProviderPaymentId = providerPaymentId;
        PaidUtc = nowUtc;
    }
}

public sealed class OrderLine
{
    private OrderLine() { }

    internal OrderLine(int courseId, string courseTitle, Money price)
    {
        CourseId = courseId;
        CourseTitle = courseTitle;
        Price = price;
    }

    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public int CourseId { get; private set; }
    /// <summary>Snapshot of the title when ordered.</summary>
    public string CourseTitle { get; private set; } = "";
    /// <summary>Snapshot of the price when ordered.</summary>
    public Money Price { get; private set; } = Money.Zero();
}
