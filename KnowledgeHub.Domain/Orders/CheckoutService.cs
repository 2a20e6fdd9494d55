using System.Globalization;
using System.Security.Cryptography;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Orders;

/// <summary>The checkout page's preview: lines, totals and, when a code was given, whether it applies and why not.</summary>
public sealed record CheckoutQuote(PricedOrder Priced, string? CouponCode, Error? CouponError, IReadOnlyList<string> Providers);

/// <param name="IdempotencyKey">Made once per checkout page: a double click or a retried post sends the same key.</param>
public sealed record CheckoutRequest(CheckoutItems Items, string? CouponCode, string Provider, string IdempotencyKey);

/// <summary>The order that exists now; <see cref="Session"/> says where the buyer goes to pay (null when nothing is left to pay).</summary>
public sealed record PlacedOrder(string Number, OrderStatus Status, CheckoutSession? Session);

/// <summary>
/// Record intent, then pay: the order (prices snapshotted, coupon redeemed) is saved before the buyer leaves for the
/// cashier, and fulfilment happens only on a verified notification (<see cref="PaymentSettlement"/>). Placing is
/// idempotent per buyer and key, and two tabs with the same items share one pending order.
/// </summary>
public sealed partial class CheckoutService(
    IDbContextFactory<KnowledgeHubDbContext> dbFactory,
    PaymentGateways gateways,
    PaymentSettlement settlement,
    IOptions<PaymentOptions> options,
    TimeProvider clock,
    ILogger<CheckoutService> log)
{
    public const string FreeProvider = "free";

    public async Task<Result<CheckoutQuote>> QuoteAsync(int buyerId, CheckoutItems items, string? couponCode, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await OrderPricing.PriceAsync(db, buyerId, items, ct);
        if (!lines.IsSuccess) return Result<CheckoutQuote>.Fail(lines.Error!.Code, lines.Error.Message);
        var priced = PricedOrder.FromLines(lines.Value!, null, null);
        Error? couponError = null;
        if (!string.IsNullOrWhiteSpace(couponCode))
        {
            var applied = await ApplyCouponAsync(db, buyerId, lines.Value!, couponCode, ct);
            if (applied.IsSuccess) priced = applied.Value!;
            else couponError = applied.Error;
        }
        return Result.Ok(new CheckoutQuote(priced, couponCode is null ? null : CouponRules.NormalizeCode(couponCode), couponError, gateways.Providers));
    }

    /// <summary>Places the order (or finds the one this key or these items already made) and starts its payment.</summary>
    public async Task<Result<PlacedOrder>> PlaceOrderAsync(int buyerId, CheckoutRequest request, string baseUrl, CancellationToken ct = default)
    {
        var placed = await PlaceAsync(buyerId, request, ct);
        if (!placed.IsSuccess) return placed;
        var order = placed.Value!;
        if (order.Status != OrderStatus.PendingPayment) return placed;
        return await StartPaymentAsync(buyerId, order.Number, request.Provider, baseUrl, ct);
    }

    internal async Task<Result<PlacedOrder>> PlaceAsync(int buyerId, CheckoutRequest request, CancellationToken ct)
    {
        var key = request.IdempotencyKey.Trim();
        if (key.Length is 0 or > Order.KeyMaxLength) return Result<PlacedOrder>.Fail(CheckoutErrors.NotPayable, "CheckoutBadRequest");
        var contentKey = request.Items.ContentKey(request.CouponCode);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var existing = await db.Orders.AsNoTracking()
                .Where(o => o.BuyerId == buyerId && (o.IdempotencyKey == key || (o.ContentKey == contentKey && o.Status == OrderStatus.PendingPayment && o.ExpiresUtc > now)))
                .OrderByDescending(o => o.IdempotencyKey == key).Select(o => new { o.Number, o.Status }).FirstOrDefaultAsync(ct);
            if (existing is not null) return Result.Ok(new PlacedOrder(existing.Number, existing.Status, null));

            // A pending order for the same items whose window passed but that the expiry job has not closed yet steps aside.
            var stale = await db.Orders.Where(o => o.BuyerId == buyerId && o.ContentKey == contentKey && o.Status == OrderStatus.PendingPayment).ToListAsync(ct);
            foreach (var old in stale)
                if (old.Close(OrderStatus.Expired, "payment window passed", null, now)) await OrderFulfilment.ReleaseCouponAsync(db, old, now, ct);

            var lines = await OrderPricing.PriceAsync(db, buyerId, request.Items, ct);
            if (!lines.IsSuccess) return Result<PlacedOrder>.Fail(lines.Error!.Code, lines.Error.Message);
            var priced = PricedOrder.FromLines(lines.Value!, null, null);
            Coupon? coupon = null;
            if (!string.IsNullOrWhiteSpace(request.CouponCode))
            {
                var applied = await ApplyCouponAsync(db, buyerId, lines.Value!, request.CouponCode, ct);
                if (!applied.IsSuccess) return Result<PlacedOrder>.Fail(applied.Error!.Code, applied.Error.Message);
                priced = applied.Value!;
                coupon = await db.Coupons.SingleAsync(c => c.Id == priced.CouponId, ct);
            }
            var free = priced.Total.IsZero;
            if (!free && gateways.Find(request.Provider) is null) return Result<PlacedOrder>.Fail(CheckoutErrors.ProviderUnavailable, "CheckoutProviderUnavailable");

            var order = Order.Place(NewNumber("KH", now), buyerId, priced, free ? FreeProvider : request.Provider, key, contentKey, now,
                now.AddMinutes(Math.Max(1, options.Value.PaymentWindowMinutes)));
            db.Orders.Add(order);
            try
            {
                await db.SaveChangesAsync(ct);
                if (coupon is not null)
                {
                    coupon.Redeem();
                    db.CouponRedemptions.Add(new CouponRedemption(coupon.Id, order.Id, buyerId, now));
                    await db.SaveChangesAsync(ct);
                }
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException e) when ((e.IsUniqueViolation() || e is DbUpdateConcurrencyException) && attempt < 4)
            {
                continue; // the same key or cart was placed a moment ago (or the random number collided): look again
            }
            LogPlaced(order.Number, buyerId, order.Total.ToString(), order.PaymentMethod);

            if (free)
            {
                await settlement.ApplyAsync(new PaymentNotification(FreeProvider, "free-" + order.Number, order.Number, PaymentEventKind.Paid,
                    order.Total, null, null, now), ct);
                return Result.Ok(new PlacedOrder(order.Number, OrderStatus.Paid, null));
            }
            return Result.Ok(new PlacedOrder(order.Number, order.Status, null));
        }
    }

    /// <summary>Sends the buyer to a provider's cashier for an open order (first time, after a decline, or with another method).</summary>
    public async Task<Result<PlacedOrder>> StartPaymentAsync(int buyerId, string orderNumber, string provider, string baseUrl, CancellationToken ct = default)
    {
        var gateway = gateways.Find(provider);
        if (gateway is null) return Result<PlacedOrder>.Fail(CheckoutErrors.ProviderUnavailable, "CheckoutProviderUnavailable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Number == orderNumber && o.BuyerId == buyerId, ct);
        if (order is null) return Result<PlacedOrder>.Fail(CheckoutErrors.NotFound, "OrderNotFound");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!order.CanStartPayment(now)) return Result.Ok(new PlacedOrder(order.Number, order.Status, null));

        var root = (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? baseUrl : options.Value.PublicBaseUrl).TrimEnd('/') + "/";
        var buyerEmail = await db.Users.Where(u => u.Id == buyerId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        var lineTitles = await db.OrderLines.Where(l => l.OrderId == order.Id).Select(l => l.CourseTitle).ToListAsync(ct);
        var subject = lineTitles.Count == 1 ? lineTitles[0] : $"{lineTitles[0]} +{lineTitles.Count - 1}";
        CheckoutSession session;
        try
        {
            session = await gateway.CreateCheckoutAsync(new PaymentRequest(order.Number, order.Total, subject,
                root + "orders/" + Uri.EscapeDataString(order.Number), root + "api/payments/webhooks/" + gateway.Provider,
                order.ExpiresUtc, buyerEmail, null), ct);
        }
        catch (PaymentGatewayException e)
        {
            LogGatewayDown(gateway.Provider, order.Number, e.Message);
            return Result<PlacedOrder>.Fail(CheckoutErrors.GatewayDown, "CheckoutGatewayDown");
        }
        order.AttachCheckout(gateway.Provider, session.ProviderSessionId, now, session.Url);
        await db.SaveChangesAsync(ct);
        return Result.Ok(new PlacedOrder(order.Number, order.Status, session));
    }

    /// <summary>The buyer gives up an open order; its coupon use is given back. A paid order is not touched.</summary>
    public async Task<Result> CancelAsync(int buyerId, string orderNumber, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Number == orderNumber && o.BuyerId == buyerId, ct);
        if (order is null) return Result.Fail(CheckoutErrors.NotFound, "OrderNotFound");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!order.Close(OrderStatus.Cancelled, "cancelled by the buyer", buyerId, now)) return Result.Fail(CheckoutErrors.NotPayable, "OrderNotOpen");
        await OrderFulfilment.ReleaseCouponAsync(db, order, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    private async Task<Result<PricedOrder>> ApplyCouponAsync(KnowledgeHubDbContext db, int buyerId, IReadOnlyList<PricedLine> lines, string code, CancellationToken ct)
    {
        var normalized = CouponRules.NormalizeCode(code);
        var coupon = await db.Coupons.AsNoTracking().Include(c => c.Courses).SingleOrDefaultAsync(c => c.Code == normalized, ct);
        if (coupon is null) return Result<PricedOrder>.Fail(CouponErrors.NotFound, "CouponNotFound");
        var used = await db.CouponRedemptions.CountAsync(r => r.CouponId == coupon.Id && r.UserId == buyerId && r.ReleasedUtc == null, ct);
        var applied = CouponRules.Apply(coupon, lines, used, clock.GetUtcNow().UtcDateTime);
        if (!applied.IsSuccess) return Result<PricedOrder>.Fail(applied.Error!.Code, applied.Error.Message);
        return Result.Ok(PricedOrder.FromLines(applied.Value!, coupon.Id, coupon.Code));
    }

    /// <summary>KH20261125-483920: the China date and six random digits (a collision is caught by the unique index and retried).</summary>
    internal static string NewNumber(string prefix, DateTime nowUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}{nowUtc.AddHours(8):yyyyMMdd}-{RandomNumberGenerator.GetInt32(0, 1_000_000):000000}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderNumber} placed by user {BuyerId}: {Total} via {Provider}")]
    private partial void LogPlaced(string orderNumber, int buyerId, string total, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment provider {Provider} could not start a checkout for order {OrderNumber}: {Reason}")]
    private partial void LogGatewayDown(string provider, string orderNumber, string reason);
}
