using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;

namespace KnowledgeHub.Tests.Domain.Coupons;

/// <summary>Every rule of <see cref="CouponRules.Apply"/>, on lines made in memory.</summary>
public sealed class CouponRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private static CouponDraft Draft(CouponKind kind = CouponKind.Percent, int percent = 10, long amountFen = 0, long minimumFen = 0,
        DateTime? starts = null, DateTime? ends = null, int? max = null, int? perUser = null, params int[] courses) =>
        new("SAVE10", "", kind, percent, new Money(amountFen, Money.Cny), new Money(minimumFen, Money.Cny), starts, ends, max, perUser, courses);

    private static Coupon Make(CouponDraft draft) => Coupon.Create(draft, createdById: 1, instructorId: null, Now.AddDays(-1));

    private static PricedLine Line(int courseId, long fen) => new(courseId, $"课程 {courseId}", new Money(fen, Money.Cny), Money.Zero(), null, null);

    private static IReadOnlyList<PricedLine> Applied(Result<IReadOnlyList<PricedLine>> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Code);
        return result.Value!;
    }

    private static void Refused(Result result, string code, string message)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public void Apply_Inactive_RefusedAsInactive()
    {
        var coupon = Make(Draft());
        coupon.SetActive(false);

        Refused(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now), CouponErrors.Inactive, "CouponInactive");
    }

    [Fact]
    public void Apply_BeforeStart_RefusedAsNotStarted()
    {
        var coupon = Make(Draft(starts: Now.AddMinutes(1)));

        Refused(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now), CouponErrors.NotStarted, "CouponNotStarted");
        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now.AddMinutes(1)).IsSuccess);
    }

    [Fact]
    public void Apply_AtOrAfterEnd_RefusedAsExpired()
    {
        var coupon = Make(Draft(ends: Now));

        Refused(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now), CouponErrors.Expired, "CouponExpired");
        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now.AddTicks(-1)).IsSuccess);
    }

    [Fact]
    public void Apply_TotalLimitReached_RefusedAsUsedUp()
    {
        var coupon = Make(Draft(max: 2));
        coupon.Redeem();
        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now).IsSuccess);
        coupon.Redeem();

        Refused(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now), CouponErrors.UsedUp, "CouponUsedUp");
    }

    [Fact]
    public void Apply_ReleasedUse_CountsAgain()
    {
        var coupon = Make(Draft(max: 1));
        coupon.Redeem();
        coupon.Release();

        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000)], 0, Now).IsSuccess);
    }

    [Fact]
    public void Apply_PerUserLimitReached_RefusedAsUsedByYou()
    {
        var coupon = Make(Draft(perUser: 2));

        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000)], usedByBuyer: 1, Now).IsSuccess);
        Refused(CouponRules.Apply(coupon, [Line(1, 10000)], usedByBuyer: 2, Now), CouponErrors.UsedByYou, "CouponUsedByYou");
    }

    [Fact]
    public void Apply_NoLineOfItsCourses_RefusedAsNotForTheseCourses()
    {
        var coupon = Make(Draft(courses: [7, 8]));

        Refused(CouponRules.Apply(coupon, [Line(1, 10000), Line(2, 5000)], 0, Now), CouponErrors.NotForTheseCourses, "CouponNotForTheseCourses");
    }

    [Fact]
    public void Apply_CourseCoupon_DiscountsOnlyItsCourses()
    {
        var coupon = Make(Draft(percent: 50, courses: [2]));

        var lines = Applied(CouponRules.Apply(coupon, [Line(1, 10000), Line(2, 5000)], 0, Now));

        Assert.Equal(0, lines[0].Discount.MinorUnits);
        Assert.Equal(2500, lines[1].Discount.MinorUnits);
    }

    [Fact]
    public void Apply_MinimumReachedOnlyWithUncoveredLines_RefusedAsMinimumNotReached()
    {
        // The order is ¥150 in all, but the coupon's course is only ¥50 of it: the minimum counts covered lines only.
        var coupon = Make(Draft(minimumFen: 10000, courses: [2]));

        Refused(CouponRules.Apply(coupon, [Line(1, 10000), Line(2, 5000)], 0, Now), CouponErrors.MinimumNotReached, "CouponMinimumNotReached");
    }

    [Fact]
    public void Apply_MinimumExactlyReachedOnCoveredLines_Applies()
    {
        var coupon = Make(Draft(minimumFen: 15000, courses: [1, 2]));

        Assert.True(CouponRules.Apply(coupon, [Line(1, 10000), Line(2, 5000), Line(3, 100)], 0, Now).IsSuccess);
    }

    [Fact]
    public void Apply_MinimumCountsPriceAfterEarlierDiscounts()
    {
        var coupon = Make(Draft(minimumFen: 10000));
        var discounted = Line(1, 10000) with { Discount = new Money(1, Money.Cny) };

        Refused(CouponRules.Apply(coupon, [discounted], 0, Now), CouponErrors.MinimumNotReached, "CouponMinimumNotReached");
    }

    [Fact]
    public void Apply_PercentOnOddAmount_RoundsHalfAwayFromZero()
    {
        // 15% of ¥0.99 = 14.85 fen → 15 fen; 15% of ¥0.97 = 14.55 fen → 15 fen; 15% of ¥0.93 = 13.95 → 14.
        Assert.Equal(15, Applied(CouponRules.Apply(Make(Draft(percent: 15)), [Line(1, 99)], 0, Now))[0].Discount.MinorUnits);
        Assert.Equal(15, Applied(CouponRules.Apply(Make(Draft(percent: 15)), [Line(1, 97)], 0, Now))[0].Discount.MinorUnits);
        Assert.Equal(14, Applied(CouponRules.Apply(Make(Draft(percent: 15)), [Line(1, 93)], 0, Now))[0].Discount.MinorUnits);
        // 10% of 5 fen = 0.5 → 1 fen.
        Assert.Equal(1, Applied(CouponRules.Apply(Make(Draft(percent: 10)), [Line(1, 5)], 0, Now))[0].Discount.MinorUnits);
    }

    [Fact]
    public void Apply_PercentOverSeveralLines_SplitSumsExactlyToTheRoundedDiscount()
    {
        // 33% of (19.99 + 29.99 + 0.01 + 9.99) = 33% of 5998 fen = 1979.34 → 1979 fen, split in proportion.
        var lines = Applied(CouponRules.Apply(Make(Draft(percent: 33)), [Line(1, 1999), Line(2, 2999), Line(3, 1), Line(4, 999)], 0, Now));

        Assert.Equal(1979, lines.Sum(l => l.Discount.MinorUnits));
        Assert.Equal(new long[] { 660, 989, 0, 330 }, lines.Select(l => l.Discount.MinorUnits));
        Assert.All(lines, l => Assert.True(l.Net.MinorUnits >= 0));
    }

    [Fact]
    public void Apply_SeveralLinesWithEqualRemainders_ExtraFenGoesToTheEarlierLine()
    {
        // 100 fen over three equal lines: 33.33 each, the one extra fen goes to the first.
        var lines = Applied(CouponRules.Apply(Make(Draft(CouponKind.FixedAmount, amountFen: 100)), [Line(1, 1000), Line(2, 1000), Line(3, 1000)], 0, Now));

        Assert.Equal(new long[] { 34, 33, 33 }, lines.Select(l => l.Discount.MinorUnits));
    }

    [Fact]
    public void Apply_FixedAmountAboveCoveredSubtotal_CappedAtCoveredSubtotal()
    {
        var coupon = Make(Draft(CouponKind.FixedAmount, amountFen: 100000, courses: [1, 2]));

        var lines = Applied(CouponRules.Apply(coupon, [Line(1, 3000), Line(2, 2000), Line(3, 9900)], 0, Now));

        Assert.Equal(new long[] { 3000, 2000, 0 }, lines.Select(l => l.Discount.MinorUnits));
        Assert.Equal(9900, lines.Sum(l => l.Net.MinorUnits));
    }

    [Fact]
    public void Apply_FixedAmountBelowSubtotal_SplitInProportion()
    {
        var lines = Applied(CouponRules.Apply(Make(Draft(CouponKind.FixedAmount, amountFen: 3000)), [Line(1, 10000), Line(2, 5000)], 0, Now));

        Assert.Equal(new long[] { 2000, 1000 }, lines.Select(l => l.Discount.MinorUnits));
    }

    [Fact]
    public void Apply_HundredPercent_MakesCoveredLinesFree()
    {
        var lines = Applied(CouponRules.Apply(Make(Draft(percent: 100)), [Line(1, 4999), Line(2, 1)], 0, Now));

        Assert.All(lines, l => Assert.Equal(0, l.Net.MinorUnits));
    }

    [Theory]
    [InlineData("ab", "code")]
    [InlineData("BAD CODE", "code")]
    [InlineData("优惠码ABC", "code")]
    public void Validate_BadCode_NamesTheCode(string code, string problem) =>
        Assert.Equal(problem, CouponRules.Validate(Draft() with { Code = code }));

    [Fact]
    public void Validate_EachBadField_NamesIt()
    {
        Assert.Equal("percent", CouponRules.Validate(Draft(percent: 0)));
        Assert.Equal("percent", CouponRules.Validate(Draft(percent: 101)));
        Assert.Equal("amount", CouponRules.Validate(Draft(CouponKind.FixedAmount, amountFen: 0)));
        Assert.Equal("minimum", CouponRules.Validate(Draft(minimumFen: -1)));
        Assert.Equal("window", CouponRules.Validate(Draft(starts: Now, ends: Now)));
        Assert.Equal("limits", CouponRules.Validate(Draft(max: 0)));
        Assert.Equal("limits", CouponRules.Validate(Draft(perUser: 0)));
        Assert.Equal("description", CouponRules.Validate(Draft() with { Description = new string('x', Coupon.DescriptionMaxLength + 1) }));
        Assert.Null(CouponRules.Validate(Draft() with { Code = " save-10_a " }));
    }
}
