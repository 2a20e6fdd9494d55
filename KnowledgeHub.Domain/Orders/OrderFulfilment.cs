using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Orders;

/// <summary>
/// What follows an order's state change inside the same transaction: enrolments when it is paid, revocation when a refund
/// ends access, the coupon given back when it closes unpaid. Callers load the order, call its method, then call this.
/// </summary>
internal static class OrderFulfilment
{
    /// <summary>One active enrolment per course of the paid order (restoring a refunded one), and the courses leave the cart.</summary>
    public static async Task EnrolAsync(KnowledgeHubDbContext db, Order order, DateTime nowUtc, CancellationToken ct)
    {
        var courseIds = order.Lines.Where(l => !l.IsRefunded).Select(l => l.CourseId).ToList();
        var existing = await db.Enrollments.IgnoreQueryFilters()
            .Where(e => e.LearnerId == order.BuyerId && courseIds.Contains(e.CourseId)).ToListAsync(ct);
        var added = new List<int>();
        foreach (var courseId in courseIds)
        {
            var enrollment = existing.FirstOrDefault(e => e.CourseId == courseId);
            if (enrollment is null)
            {
                db.Enrollments.Add(new Enrollment(order.BuyerId, courseId, nowUtc, order.Id));
                added.Add(courseId);
            }
            else if (!enrollment.IsActive)
            {
                enrollment.Restore(order.Id, nowUtc);
                added.Add(courseId);
            }
        }
        if (added.Count > 0)
            await db.Courses.Where(c => added.Contains(c.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.EnrollmentCount, c => c.EnrollmentCount + 1), ct);
        var bundleIds = order.Lines.Where(l => l.BundleId != null).Select(l => l.BundleId!.Value).Distinct().ToList();
        await db.CartItems.Where(i => i.UserId == order.BuyerId
                && ((i.CourseId != null && courseIds.Contains(i.CourseId.Value)) || (i.BundleId != null && bundleIds.Contains(i.BundleId.Value))))
            .ExecuteDeleteAsync(ct);
        await db.SaveChangesAsync(ct); // the enrolments exist before anything later in the same transaction (a refund) looks for them
    }

    /// <summary>Ends the buyer's access to the given courses (a refund covered them).</summary>
    public static async Task RevokeAsync(KnowledgeHubDbContext db, Order order, IReadOnlyCollection<int> courseIds, DateTime nowUtc, CancellationToken ct)
    {
        if (courseIds.Count == 0) return;
        var active = await db.Enrollments.Where(e => e.LearnerId == order.BuyerId && courseIds.Contains(e.CourseId)).ToListAsync(ct);
        foreach (var enrollment in active) enrollment.Revoke(nowUtc);
        var ids = active.Select(e => e.CourseId).ToList();
        if (ids.Count > 0)
            await db.Courses.Where(c => ids.Contains(c.Id) && c.EnrollmentCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.EnrollmentCount, c => c.EnrollmentCount - 1), ct);
    }

    /// <summary>A cancelled or expired order gives its coupon use back.</summary>
    public static async Task ReleaseCouponAsync(KnowledgeHubDbContext db, Order order, DateTime nowUtc, CancellationToken ct)
    {
        if (order.CouponId is not { } couponId) return;
        var redemption = await db.CouponRedemptions.SingleOrDefaultAsync(r => r.OrderId == order.Id && r.ReleasedUtc == null, ct);
        if (redemption is null) return;
        redemption.Release(nowUtc);
        var coupon = await db.Coupons.SingleAsync(c => c.Id == couponId, ct);
        coupon.Release();
    }

    /// <summary>A late payment revived a closed order: it holds its coupon use again.</summary>
    public static async Task ReclaimCouponAsync(KnowledgeHubDbContext db, Order order, CancellationToken ct)
    {
        if (order.CouponId is not { } couponId) return;
        var redemption = await db.CouponRedemptions.SingleOrDefaultAsync(r => r.OrderId == order.Id, ct);
        if (redemption is not { ReleasedUtc: not null }) return;
        redemption.Reclaim();
        var coupon = await db.Coupons.SingleAsync(c => c.Id == couponId, ct);
        coupon.Redeem();
    }

    public static Task<Order?> LoadAsync(KnowledgeHubDbContext db, string number, CancellationToken ct) =>
        db.Orders.Include(o => o.Lines).Include(o => o.Refunds).AsSplitQuery().SingleOrDefaultAsync(o => o.Number == number, ct);
}
