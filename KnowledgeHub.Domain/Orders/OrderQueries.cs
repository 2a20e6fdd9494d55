using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Orders;

public sealed record OrderLineView(int Id, int CourseId, string? CourseSlug, string Title, Money ListPrice, Money Discount, Money Price,
    int? BundleId, string? BundleTitle, bool IsRefunded);

public sealed record OrderHistoryView(OrderStatus? From, OrderStatus To, string Reason, string? ActorName, DateTime AtUtc);

public sealed record RefundView(string Number, Money Amount, RefundStatus Status, string Reason, IReadOnlyList<int> LineIds, bool RequestedByBuyer,
    string? DecisionNote, DateTime CreatedUtc, DateTime? CompletedUtc);

public sealed record PaymentEventView(string Provider, string EventId, PaymentEventKind Kind, Money Amount, string? RefundId, string? Message,
    DateTime OccurredUtc, DateTime ReceivedUtc);

public sealed record OrderDetail(
    string Number, OrderStatus Status, int BuyerId, string BuyerName, string? BuyerEmail,
    DateTime CreatedUtc, DateTime ExpiresUtc, DateTime? PaidUtc, DateTime? ClosedUtc,
    Money Subtotal, Money Discount, Money Total, Money PaidAmount, Money RefundedTotal,
    string? CouponCode, string PaymentMethod, string? LastPaymentError, string? CheckoutUrl,
    IReadOnlyList<OrderLineView> Lines, IReadOnlyList<OrderHistoryView> History, IReadOnlyList<RefundView> Refunds,
    IReadOnlyList<PaymentEventView> Events)
{
    public bool IsPending => Status == OrderStatus.PendingPayment;
    /// <summary>What can still be refunded: paid, minus refunded, minus refunds on their way to the provider.</summary>
    public Money Refundable => Status is OrderStatus.Paid or OrderStatus.PartiallyRefunded or OrderStatus.NeedsReview
        ? Refunds.Where(r => r.Status == RefundStatus.Processing).Aggregate(PaidAmount.Subtract(RefundedTotal), (left, r) => left.Subtract(r.Amount))
        : Money.Zero(Total.Currency);
}

public sealed record OrderSummary(string Number, OrderStatus Status, DateTime CreatedUtc, DateTime? PaidUtc, Money Total, Money RefundedTotal,
    string PaymentMethod, string? CouponCode, string BuyerName, string? BuyerEmail, IReadOnlyList<string> Titles);

/// <summary>Admin search filter; every part is optional. Dates are UTC, To exclusive.</summary>
public sealed record OrderSearch(string? Number = null, string? Buyer = null, string? Course = null, OrderStatus? Status = null,
    DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 25);

public sealed record OrderPage(IReadOnlyList<OrderSummary> Items, int Total, int Page, int PageSize);

public sealed record RefundRequestRow(string OrderNumber, string RefundNumber, Money Amount, string Reason, string BuyerName, IReadOnlyList<string> Titles, DateTime CreatedUtc);

/// <summary>Orders as buyers and admins see them. The buyer sees their own orders only; admin queries check the role.</summary>
public sealed class OrderQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory)
{
    /// <summary>The buyer's own order (null for anyone else's: the page shows 404).</summary>
    public async Task<OrderDetail?> GetForBuyerAsync(int userId, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await db.Orders.Where(o => o.Number == number && o.BuyerId == userId).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await LoadAsync(db, id.Value, events: false, ct);
    }

    public async Task<OrderDetail?> GetForAdminAsync(int adminId, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return null;
        var id = await db.Orders.Where(o => o.Number == number).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        return id is null ? null : await LoadAsync(db, id.Value, events: true, ct);
    }

    /// <summary>Just the status, for the order page's live refresh.</summary>
    public async Task<(OrderStatus Status, string? LastPaymentError)?> GetStatusAsync(int userId, string number, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Orders.AsNoTracking().Where(o => o.Number == number && o.BuyerId == userId)
            .Select(o => new { o.Status, o.LastPaymentError }).SingleOrDefaultAsync(ct);
        return row is null ? null : (row.Status, row.LastPaymentError);
    }

    public async Task<IReadOnlyList<OrderSummary>> ListForBuyerAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Summaries(db, db.Orders.AsNoTracking().Where(o => o.BuyerId == userId).OrderByDescending(o => o.CreatedUtc)).Take(200).ToListAsync(ct);
    }

    public async Task<OrderPage?> SearchAsync(int adminId, OrderSearch search, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return null;
        var q = db.Orders.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search.Number)) q = q.Where(o => o.Number.Contains(search.Number.Trim().ToUpper()));
        if (!string.IsNullOrWhiteSpace(search.Buyer))
        {
            var b = search.Buyer.Trim();
            var upper = b.ToUpperInvariant();
            q = q.Where(o => db.Users.Any(u => u.Id == o.BuyerId && (u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(b))));
        }
        if (!string.IsNullOrWhiteSpace(search.Course))
        {
            var c = search.Course.Trim();
            q = q.Where(o => o.Lines.Any(l => l.CourseTitle.Contains(c)));
        }
        if (search.Status is { } status) q = q.Where(o => o.Status == status);
        if (search.FromUtc is { } from) q = q.Where(o => o.CreatedUtc >= from);
        if (search.ToUtc is { } to) q = q.Where(o => o.CreatedUtc < to);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(search.PageSize, 5, 100);
        var page = Math.Max(1, search.Page);
        var items = await Summaries(db, q.OrderByDescending(o => o.CreatedUtc).ThenByDescending(o => o.Id).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new OrderPage(items, total, page, size);
    }

    public async Task<IReadOnlyList<RefundRequestRow>?> RefundRequestsAsync(int adminId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.IsAdminAsync(adminId, ct)) return null;
        var rows = await (from r in db.OrderRefunds.AsNoTracking()
                          join o in db.Orders.AsNoTracking() on r.OrderId equals o.Id
                          where r.Status == RefundStatus.Requested
                          orderby r.CreatedUtc
                          select new
                          {
                              o.Number, Refund = r.Number, r.Amount, r.Reason, r.LineIds, r.CreatedUtc, o.Id,
                              Buyer = db.Users.Where(u => u.Id == o.BuyerId).Select(u => u.DisplayName).FirstOrDefault(),
                          }).ToListAsync(ct);
        var orderIds = rows.Select(r => r.Id).ToList();
        var lines = await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId)).Select(l => new { l.Id, l.CourseTitle }).ToDictionaryAsync(l => l.Id, l => l.CourseTitle, ct);
        return [.. rows.Select(r => new RefundRequestRow(r.Number, r.Refund, r.Amount, r.Reason, r.Buyer ?? "", [.. r.LineIds.Select(id => lines.GetValueOrDefault(id) ?? "")], r.CreatedUtc))];
    }

    private static IQueryable<OrderSummary> Summaries(KnowledgeHubDbContext db, IQueryable<Order> orders) =>
        orders.Select(o => new OrderSummary(o.Number, o.Status, o.CreatedUtc, o.PaidUtc, o.Total, o.RefundedTotal, o.PaymentMethod, o.CouponCode,
            db.Users.Where(u => u.Id == o.BuyerId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            db.Users.Where(u => u.Id == o.BuyerId).Select(u => u.Email).FirstOrDefault(),
            o.Lines.OrderBy(l => l.Id).Select(l => l.CourseTitle).ToList()));

    private static async Task<OrderDetail> LoadAsync(KnowledgeHubDbContext db, int id, bool events, CancellationToken ct)
    {
        var o = await db.Orders.AsNoTracking().Include(x => x.Lines).Include(x => x.History).Include(x => x.Refunds).AsSplitQuery().SingleAsync(x => x.Id == id, ct);
        var buyer = await db.Users.AsNoTracking().Where(u => u.Id == o.BuyerId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var courseIds = o.Lines.Select(l => l.CourseId).ToList();
        var slugs = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Slug, ct);
        var actorIds = o.History.Where(h => h.ActorId != null).Select(h => h.ActorId!.Value).Distinct().ToList();
        var actors = await db.Users.AsNoTracking().Where(u => actorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var eventRows = events
            ? await db.PaymentEvents.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.ReceivedUtc).ThenBy(e => e.Id).ToListAsync(ct)
            : [];
        return new OrderDetail(o.Number, o.Status, o.BuyerId, buyer.DisplayName, buyer.Email, o.CreatedUtc, o.ExpiresUtc, o.PaidUtc, o.ClosedUtc,
            o.Subtotal, o.Discount, o.Total, o.PaidAmount, o.RefundedTotal, o.CouponCode, o.PaymentMethod, o.LastPaymentError, o.CheckoutUrl,
            [.. o.Lines.OrderBy(l => l.Id).Select(l => new OrderLineView(l.Id, l.CourseId, slugs.GetValueOrDefault(l.CourseId), l.CourseTitle, l.ListPrice, l.Discount, l.Price, l.BundleId, l.BundleTitle, l.IsRefunded))],
            [.. o.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => new OrderHistoryView(h.From, h.To, h.Reason, h.ActorId is { } a ? actors.GetValueOrDefault(a) : null, h.AtUtc))],
            [.. o.Refunds.OrderBy(r => r.CreatedUtc).Select(r => new RefundView(r.Number, r.Amount, r.Status, r.Reason, r.LineIds, r.RequestedById == o.BuyerId, r.DecisionNote, r.CreatedUtc, r.CompletedUtc))],
            [.. eventRows.Select(e => new PaymentEventView(e.Provider, e.EventId, e.Kind, e.Amount, e.RefundId, e.Message, e.OccurredUtc, e.ReceivedUtc))]);
    }
}
