using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;

namespace KnowledgeHub.Domain.Coupons;

/// <summary>Why a code does not apply; each maps to a message the checkout shows.</summary>
public static class CouponErrors
{
    public const string NotFound = "coupon.not_found", NotStarted = "coupon.not_started", Expired = "coupon.expired",
        UsedUp = "coupon.used_up", UsedByYou = "coupon.used_by_you", NotForTheseCourses = "coupon.not_applicable",
        MinimumNotReached = "coupon.minimum", Inactive = "coupon.inactive";
}

public static class CouponRules
{
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    /// <summary>Null when the draft is valid, else what is wrong (for people filling in the form).</summary>
    public static string? Validate(CouponDraft d)
    {
        var code = NormalizeCode(d.Code);
        if (code.Length is < 3 or > Coupon.CodeMaxLength || !code.All(c => c is >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_'))
            return "code";
        if (d.Description.Length > Coupon.DescriptionMaxLength) return "description";
        if (d.Kind == CouponKind.Percent && d.PercentOff is < 1 or > 100) return "percent";
        if (d.Kind == CouponKind.FixedAmount && d.AmountOff.MinorUnits <= 0) return "amount";
        if (d.MinimumOrder.MinorUnits < 0) return "minimum";
        if (d.StartsUtc is { } s && d.EndsUtc is { } e && e <= s) return "window";
        if (d.MaxRedemptions is < 1 || d.MaxRedemptionsPerUser is < 1) return "limits";
        return null;
    }

    /// <summary>
    /// Applies a coupon to priced lines: which lines it covers, whether the window, limits and minimum allow it, and the
    /// discount split over the covered lines in proportion to their prices (to the fen). Returns the failure code or the lines.
    /// </summary>
    public static Result<IReadOnlyList<PricedLine>> Apply(Coupon coupon, IReadOnlyList<PricedLine> lines, int usedByBuyer, DateTime nowUtc)
    {
        if (!coupon.IsActive) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.Inactive, "CouponInactive");
        if (coupon.StartsUtc is { } starts && nowUtc < starts) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.NotStarted, "CouponNotStarted");
        if (coupon.EndsUtc is { } ends && nowUtc >= ends) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.Expired, "CouponExpired");
        if (coupon.MaxRedemptions is { } max && coupon.RedemptionCount >= max) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.UsedUp, "CouponUsedUp");
        if (coupon.MaxRedemptionsPerUser is { } perUser && usedByBuyer >= perUser) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.UsedByYou, "CouponUsedByYou");

        var covered = lines.Select((l, i) => (Line: l, Index: i))
            .Where(x => coupon.IsSiteWide || coupon.Courses.Any(c => c.CourseId == x.Line.CourseId)).ToList();
        if (covered.Count == 0) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.NotForTheseCourses, "CouponNotForTheseCourses");
        var base_ = covered.Sum(x => x.Line.ListPrice.MinorUnits - x.Line.Discount.MinorUnits);
        if (base_ < coupon.MinimumOrder.MinorUnits) return Result<IReadOnlyList<PricedLine>>.Fail(CouponErrors.MinimumNotReached, "CouponMinimumNotReached");

        var discount = coupon.Kind == CouponKind.Percent
            ? (long)Math.Round(base_ * coupon.PercentOff / 100m, MidpointRounding.AwayFromZero)
            : Math.Min(coupon.AmountOff.MinorUnits, base_);
        var parts = MoneySplit.Proportionally(discount, covered.Select(x => x.Line.ListPrice.MinorUnits - x.Line.Discount.MinorUnits).ToList());
        var result = lines.ToArray();
        for (var i = 0; i < covered.Count; i++)
        {
            var line = covered[i].Line;
            result[covered[i].Index] = line with { Discount = line.Discount.Add(new Money(parts[i], line.ListPrice.Currency)) };
        }
        return Result.Ok<IReadOnlyList<PricedLine>>(result);
    }
}
