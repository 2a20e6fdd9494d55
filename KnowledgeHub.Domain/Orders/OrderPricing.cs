using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Orders;

/// <summary>What a buyer wants to buy: single courses and bundles.</summary>
public sealed record CheckoutItems(IReadOnlyList<int> CourseIds, IReadOnlyList<int> BundleIds)
{
    public static CheckoutItems Course(int courseId) => new([courseId], []);
    public static CheckoutItems Bundle(int bundleId) => new([], [bundleId]);
    public bool IsEmpty => CourseIds.Count == 0 && BundleIds.Count == 0;

    /// <summary>Same items in any order give the same key (two tabs on one cart share one pending order).</summary>
    public string ContentKey(string? couponCode) =>
        "c" + string.Join('.', CourseIds.Distinct().Order()) + "|b" + string.Join('.', BundleIds.Distinct().Order())
        + "|" + (couponCode is null ? "" : Coupons.CouponRules.NormalizeCode(couponCode));
}

public static class CheckoutErrors
{
    public const string Empty = "checkout.empty", CourseUnavailable = "checkout.course_unavailable", FreeCourse = "checkout.free_course",
        AlreadyOwned = "checkout.already_owned", OwnCourse = "checkout.own_course", BundleUnavailable = "checkout.bundle_unavailable",
        BundleAllOwned = "checkout.bundle_all_owned", Duplicate = "checkout.duplicate", ProviderUnavailable = "checkout.provider_unavailable",
        NotFound = "checkout.not_found", NotPayable = "checkout.not_payable", GatewayDown = "checkout.gateway_down", TooMany = "checkout.too_many";
}

/// <summary>
/// Prices courses and bundles for one buyer from the database: published, paid, not owned, not their own. Bundle rule
/// (documented in README): courses the buyer already owns are priced out; the rest cost the bundle price times their
/// share of the bundle's list prices; a bundle whose courses are all owned is refused.
/// </summary>
internal static class OrderPricing
{
    public static async Task<Result<IReadOnlyList<PricedLine>>> PriceAsync(KnowledgeHubDbContext db, int buyerId, CheckoutItems items, CancellationToken ct)
    {
        if (items.IsEmpty) return Fail(CheckoutErrors.Empty, "CheckoutEmpty");
        if (items.CourseIds.Count + items.BundleIds.Count > CartItem.MaxItems) return Fail(CheckoutErrors.TooMany, "CheckoutTooMany");
        var bundles = await db.Bundles.AsNoTracking().Include(b => b.Courses)
            .Where(b => items.BundleIds.Contains(b.Id) && b.IsPublished).ToListAsync(ct);
        if (bundles.Count != items.BundleIds.Distinct().Count()) return Fail(CheckoutErrors.BundleUnavailable, "CheckoutBundleUnavailable");
        var allCourseIds = items.CourseIds.Concat(bundles.SelectMany(b => b.Courses.Select(c => c.CourseId))).ToList();
        if (allCourseIds.Count != allCourseIds.Distinct().Count()) return Fail(CheckoutErrors.Duplicate, "CheckoutDuplicate");
        var courses = await db.Courses.AsNoTracking().Where(c => allCourseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Price, c.Status, c.InstructorId }).ToDictionaryAsync(c => c.Id, ct);
        var owned = (await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == buyerId && allCourseIds.Contains(e.CourseId))
            .Select(e => e.CourseId).ToListAsync(ct)).ToHashSet();

        var lines = new List<PricedLine>();
        foreach (var id in items.CourseIds)
        {
            if (!courses.TryGetValue(id, out var c) || c.Status != CourseStatus.Published) return Fail(CheckoutErrors.CourseUnavailable, "CheckoutCourseUnavailable");
            if (c.Price.IsZero) return Fail(CheckoutErrors.FreeCourse, "CheckoutFreeCourse");
            if (c.InstructorId == buyerId) return Fail(CheckoutErrors.OwnCourse, "CheckoutOwnCourse");
            if (owned.Contains(id)) return Fail(CheckoutErrors.AlreadyOwned, "CheckoutAlreadyOwned");
            lines.Add(new PricedLine(c.Id, c.Title, c.Price, Money.Zero(c.Price.Currency), null, null));
        }
        foreach (var bundle in bundles)
        {
            var members = bundle.Courses.OrderBy(c => c.Position).Select(bc => courses.GetValueOrDefault(bc.CourseId)).ToList();
            if (members.Any(c => c is null || c.Status != CourseStatus.Published)) return Fail(CheckoutErrors.BundleUnavailable, "CheckoutBundleUnavailable");
            if (members.Any(c => c!.InstructorId == buyerId)) return Fail(CheckoutErrors.OwnCourse, "CheckoutOwnCourse");
            var remaining = members.Where(c => !owned.Contains(c!.Id)).ToList();
            if (remaining.Count == 0) return Fail(CheckoutErrors.BundleAllOwned, "CheckoutBundleAllOwned");
            var listTotal = members.Sum(c => c!.Price.MinorUnits);
            var remainingList = remaining.Sum(c => c!.Price.MinorUnits);
            var price = listTotal == 0 ? 0 : (long)Math.Round((decimal)bundle.Price.MinorUnits * remainingList / listTotal, MidpointRounding.AwayFromZero);
            var shares = MoneySplit.Proportionally(price, remaining.Select(c => Math.Max(1, c!.Price.MinorUnits)).ToList());
            for (var i = 0; i < remaining.Count; i++)
                lines.Add(new PricedLine(remaining[i]!.Id, remaining[i]!.Title, new Money(shares[i], bundle.Price.Currency), Money.Zero(bundle.Price.Currency), bundle.Id, bundle.Title));
        }
        if (lines.Select(l => l.ListPrice.Currency).Distinct().Count() > 1) return Fail(CheckoutErrors.CourseUnavailable, "CheckoutMixedCurrency");
        return Result.Ok<IReadOnlyList<PricedLine>>(lines);
    }

    private static Result<IReadOnlyList<PricedLine>> Fail(string code, string message) => Result<IReadOnlyList<PricedLine>>.Fail(code, message);
}
