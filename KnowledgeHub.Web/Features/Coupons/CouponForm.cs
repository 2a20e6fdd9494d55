using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Web.Features.Shared;

namespace KnowledgeHub.Web.Features.Coupons;

/// <summary>
/// What the coupon dialog edits, in the units people type: yuan (converted to fen once, here) and China calendar dates
/// (the first day starts at 00:00 China time, the last day is included: the coupon ends at the next midnight).
/// </summary>
public sealed class CouponForm
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public CouponKind Kind { get; set; } = CouponKind.Percent;
    public int PercentOff { get; set; } = 10;
    public decimal AmountYuan { get; set; }
    public decimal MinimumYuan { get; set; }
    /// <summary>First valid day in China, or null (valid from now).</summary>
    public DateTime? StartDate { get; set; }
    /// <summary>Last valid day in China (included), or null (no end).</summary>
    public DateTime? EndDate { get; set; }
    public int? MaxRedemptions { get; set; }
    public int? MaxRedemptionsPerUser { get; set; }
    public IReadOnlyCollection<int> CourseIds { get; set; } = [];

    public static CouponForm From(CouponRow row) => new()
    {
        Code = row.Code,
        Description = row.Description,
        Kind = row.Kind,
        PercentOff = row.Kind == CouponKind.Percent ? row.PercentOff : 10,
        AmountYuan = row.AmountOff.Major,
        MinimumYuan = row.MinimumOrder.Major,
        StartDate = row.StartsUtc is { } s ? ChinaTime.FromUtc(s).Date : null,
        EndDate = row.EndsUtc is { } e ? LastDay(e) : null,
        MaxRedemptions = row.MaxRedemptions,
        MaxRedemptionsPerUser = row.MaxRedemptionsPerUser,
        CourseIds = [.. row.Courses.Select(c => c.Id)],
    };

    public CouponDraft ToDraft() => new(
        Code.Trim(), Description.Trim(), Kind, Kind == CouponKind.Percent ? PercentOff : 0,
        Kind == CouponKind.FixedAmount ? Money.Yuan(AmountYuan) : Money.Zero(), Money.Yuan(MinimumYuan),
        StartDate is { } s ? StartOfChinaDay(s) : null, EndDate is { } e ? StartOfChinaDay(e.AddDays(1)) : null,
        MaxRedemptions, MaxRedemptionsPerUser, [.. CourseIds]);

    /// <summary>00:00 of that calendar day in China, as UTC.</summary>
    public static DateTime StartOfChinaDay(DateTime day) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.Date, DateTimeKind.Unspecified), ChinaTime.Zone);

    /// <summary>The last China day a coupon ending at <paramref name="endsUtc"/> (exclusive) is valid on.</summary>
    public static DateTime LastDay(DateTime endsUtc) => ChinaTime.FromUtc(endsUtc.AddTicks(-1)).Date;
}
