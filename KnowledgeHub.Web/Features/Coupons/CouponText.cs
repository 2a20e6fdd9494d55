using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Web.Features.Shared;
using KnowledgeHub.Web.Resources;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Features.Coupons;

/// <summary>How a coupon's discount, validity window and limits read in the management table.</summary>
public static class CouponText
{
    public static string Discount(CouponRow c, IStringLocalizer<Strings> l) => c.Kind == CouponKind.Percent
        ? string.Format(l["CouponPercentOff"], c.PercentOff)
        : string.Format(l["CouponAmountOff"], c.AmountOff.Format());

    /// <summary>China calendar days; the end shown is the last valid day (the stored end is the next midnight).</summary>
    public static string Window(CouponRow c, IStringLocalizer<Strings> l) => (c.StartsUtc, c.EndsUtc) switch
    {
        (null, null) => l["CouponAlwaysValid"],
        ({ } s, null) => string.Format(l["CouponValidFrom"], ChinaTime.FormatDate(s)),
        (null, { } e) => string.Format(l["CouponValidUntil"], CouponForm.LastDay(e).ToString("d", System.Globalization.CultureInfo.CurrentCulture)),
        ({ } s, { } e) => string.Format(l["CouponValidBetween"], ChinaTime.FormatDate(s),
            CouponForm.LastDay(e).ToString("d", System.Globalization.CultureInfo.CurrentCulture)),
    };

    public static string Limits(CouponRow c, IStringLocalizer<Strings> l)
    {
        var total = c.MaxRedemptions is { } max ? string.Format(l["CouponLimitTotal"], max) : l["CouponNoTotalLimit"];
        return c.MaxRedemptionsPerUser is { } perUser ? total + " · " + string.Format(l["CouponLimitPerUser"], perUser) : total;
    }
}
