using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Coupons;

public enum CouponKind { Percent = 0, FixedAmount = 1 }

/// <summary>
/// A discount code. Percent (1–100) or a fixed amount off the lines it applies to; an optional minimum on those lines, a
/// validity window, a total and a per-buyer usage limit, and either site-wide (admins only) or limited to given courses.
/// </summary>
public sealed class Coupon
{
    public const int CodeMaxLength = 32, DescriptionMaxLength = 200;

    private readonly List<CouponCourse> courses = [];

    private Coupon() { }

    public int Id { get; private set; }
    /// <summary>Upper-case letters, digits, '-' and '_'; unique.</summary>
    public string Code { get; private set; } = "";
    public string Description { get; private set; } = "";
    public CouponKind Kind { get; private set; }
    /// <summary>Percent off, 1–100 (Percent coupons).</summary>
    public int PercentOff { get; private set; }
    /// <summary>Amount off (FixedAmount coupons).</summary>
    public Money AmountOff { get; private set; } = Money.Zero();
    /// <summary>The lines the coupon applies to must add up to at least this much.</summary>
    public Money MinimumOrder { get; private set; } = Money.Zero();
    public DateTime? StartsUtc { get; private set; }
    public DateTime? EndsUtc { get; private set; }
    /// <summary>Null: no total limit.</summary>
    public int? MaxRedemptions { get; private set; }
    /// <summary>Null: no per-buyer limit.</summary>
    public int? MaxRedemptionsPerUser { get; private set; }
    /// <summary>Orders that hold this coupon (pending or paid); cancelled and expired orders give theirs back.</summary>
    public int RedemptionCount { get; private set; }
    public bool IsActive { get; private set; }
    public int CreatedById { get; private set; }
    /// <summary>Set when an instructor made the coupon: it can only cover that instructor's courses.</summary>
    public int? InstructorId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public IReadOnlyList<CouponCourse> Courses => courses;
    public bool IsSiteWide => courses.Count == 0;

    public static Coupon Create(CouponDraft draft, int createdById, int? instructorId, DateTime nowUtc)
    {
        var coupon = new Coupon { CreatedById = createdById, InstructorId = instructorId, CreatedUtc = nowUtc, IsActive = true };
        coupon.Apply(draft);
        return coupon;
    }

    public void Update(CouponDraft draft) => Apply(draft);

    private void Apply(CouponDraft draft)
    {
        var problem = CouponRules.Validate(draft);
        if (problem is not null) throw new DomainException($"Invalid coupon: {problem}.");
        if (InstructorId is not null && draft.CourseIds.Count == 0) throw new DomainException("An instructor's coupon must name its courses.");
        Code = CouponRules.NormalizeCode(draft.Code);
        Description = draft.Description.Trim();
        Kind = draft.Kind;
        PercentOff = draft.Kind == CouponKind.Percent ? draft.PercentOff : 0;
        AmountOff = draft.Kind == CouponKind.FixedAmount ? draft.AmountOff : Money.Zero(draft.AmountOff.Currency);
        MinimumOrder = draft.MinimumOrder;
        StartsUtc = draft.StartsUtc;
        EndsUtc = draft.EndsUtc;
        MaxRedemptions = draft.MaxRedemptions;
        MaxRedemptionsPerUser = draft.MaxRedemptionsPerUser;
        courses.RemoveAll(c => !draft.CourseIds.Contains(c.CourseId));
        foreach (var id in draft.CourseIds.Distinct().Where(id => courses.All(c => c.CourseId != id))) courses.Add(new CouponCourse(id));
    }

    public void SetActive(bool active) => IsActive = active;

    internal void Redeem() => RedemptionCount++;
    internal void Release() => RedemptionCount = Math.Max(0, RedemptionCount - 1);
}

public sealed class CouponCourse
{
    private CouponCourse() { }
    internal CouponCourse(int courseId) => CourseId = courseId;
    public int CouponId { get; private set; }
    public int CourseId { get; private set; }
}

/// <summary>One order that used a coupon. Released when the order is cancelled or expires, so the use counts again.</summary>
public sealed class CouponRedemption
{
    private CouponRedemption() { }

    public CouponRedemption(int couponId, int orderId, int userId, DateTime nowUtc)
    {
        CouponId = couponId;
        OrderId = orderId;
        UserId = userId;
        CreatedUtc = nowUtc;
    }

    public int Id { get; private set; }
    public int CouponId { get; private set; }
    public int OrderId { get; private set; }
    public int UserId { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? ReleasedUtc { get; private set; }

    internal void Release(DateTime nowUtc) => ReleasedUtc ??= nowUtc;
    internal void Reclaim() => ReleasedUtc = null;
}

/// <summary>What an admin or instructor fills in. Amounts in minor units.</summary>
public sealed record CouponDraft(
    string Code,
    string Description,
    CouponKind Kind,
    int PercentOff,
    Money AmountOff,
    Money MinimumOrder,
    DateTime? StartsUtc,
    DateTime? EndsUtc,
    int? MaxRedemptions,
    int? MaxRedemptionsPerUser,
    IReadOnlyList<int> CourseIds);
