using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Coupons;

/// <summary>
/// Why the coupon form was refused: a stable code and the resource key of its message (KnowledgeHub.Web Strings).
/// The <c>coupon.invalid.*</c> errors belong to one field of the form (<see cref="FieldOf"/>).
/// </summary>
public static class CouponAdminErrors
{
    public static readonly Error Forbidden = new("coupon.forbidden", "CouponForbidden");
    public static readonly Error NotFound = new(CouponErrors.NotFound, "CouponNotFound");
    public static readonly Error CodeTaken = new("coupon.code_taken", "CouponCodeTaken");
    public static readonly Error CodeInvalid = new("coupon.invalid.code", "CouponCodeInvalid");
    public static readonly Error DescriptionInvalid = new("coupon.invalid.description", "CouponDescriptionInvalid");
    public static readonly Error PercentInvalid = new("coupon.invalid.percent", "CouponPercentInvalid");
    public static readonly Error AmountInvalid = new("coupon.invalid.amount", "CouponAmountInvalid");
    public static readonly Error MinimumInvalid = new("coupon.invalid.minimum", "CouponMinimumInvalid");
    public static readonly Error WindowInvalid = new("coupon.invalid.window", "CouponWindowInvalid");
    public static readonly Error LimitsInvalid = new("coupon.invalid.limits", "CouponLimitsInvalid");
    public static readonly Error CurrencyInvalid = new("coupon.invalid.currency", "CouponCurrencyInvalid");
    /// <summary>An instructor's coupon must name at least one of the instructor's courses.</summary>
    public static readonly Error CoursesRequired = new("coupon.invalid.courses", "CouponCoursesRequired");
    /// <summary>A course that does not exist, or (instructors) is not the coupon's instructor's.</summary>
    public static readonly Error CourseNotAllowed = new("coupon.course_not_allowed", "CouponCourseNotAllowed");
    /// <summary>An order redeemed the coupon while it was being saved: load it again and retry.</summary>
    public static readonly Error Conflict = new("coupon.conflict", "CouponConflict");

    private const string FieldPrefix = "coupon.invalid.";

    /// <summary>The form field an error belongs to ("code", "percent", "courses", …), or null for a form-wide error.</summary>
    public static string? FieldOf(Error? error) =>
        error is not null && error.Code.StartsWith(FieldPrefix, StringComparison.Ordinal) ? error.Code[FieldPrefix.Length..] : null;

    /// <summary>The error of a problem <see cref="CouponRules.Validate"/> names.</summary>
    public static Error ForProblem(string problem) => problem switch
    {
        "code" => CodeInvalid,
        "description" => DescriptionInvalid,
        "percent" => PercentInvalid,
        "amount" => AmountInvalid,
        "minimum" => MinimumInvalid,
        "window" => WindowInvalid,
        _ => LimitsInvalid,
    };
}

/// <summary>A course a coupon names.</summary>
public sealed record CouponCourseRef(int Id, string Title);

/// <summary>One coupon on the management page, with how it is used: orders holding it and how many buyers they belong to.</summary>
public sealed record CouponRow(
    int Id, string Code, string Description, CouponKind Kind, int PercentOff, Money AmountOff, Money MinimumOrder,
    DateTime? StartsUtc, DateTime? EndsUtc, int? MaxRedemptions, int? MaxRedemptionsPerUser, bool IsActive,
    int? InstructorId, string? InstructorName, IReadOnlyList<CouponCourseRef> Courses, int Held, int Buyers, DateTime CreatedUtc)
{
    public bool IsSiteWide => Courses.Count == 0;

    public CouponDraft ToDraft() => new(Code, Description, Kind, PercentOff, AmountOff, MinimumOrder, StartsUtc, EndsUtc,
        MaxRedemptions, MaxRedemptionsPerUser, [.. Courses.Select(c => c.Id)]);
}

/// <summary>What the management page needs: the coupons the user may manage, the courses a coupon of theirs may name.</summary>
public sealed record CouponPageModel(bool IsAdmin, IReadOnlyList<CouponRow> Coupons, IReadOnlyList<CouponCourseRef> CourseOptions);

/// <summary>
/// Coupons for admins (any coupon: site-wide, or limited to any courses) and instructors (only coupons limited to their
/// own courses, marked as theirs). Every method takes the acting user first and checks the rules here, against the
/// roles in the database. Failures carry resource keys of Strings as messages.
/// </summary>
public sealed class CouponService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Admins: every coupon and every course; instructors: their coupons and their courses; others: refused.</summary>
    public async Task<Result<CouponPageModel>> GetPageAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var role = await RoleOfAsync(db, userId, ct);
        if (role == Role.None) return Fail<CouponPageModel>(CouponAdminErrors.Forbidden);
        var isAdmin = role == Role.Admin;

        var coupons = db.Coupons.AsNoTracking();
        if (!isAdmin) coupons = coupons.Where(c => c.InstructorId == userId);
        var rows = await coupons.OrderByDescending(c => c.CreatedUtc).ThenByDescending(c => c.Id)
            .Select(c => new
            {
                c.Id, c.Code, c.Description, c.Kind, c.PercentOff, c.AmountOff, c.MinimumOrder, c.StartsUtc, c.EndsUtc,
                c.MaxRedemptions, c.MaxRedemptionsPerUser, c.IsActive, c.InstructorId, c.CreatedUtc,
                InstructorName = db.Users.Where(u => u.Id == c.InstructorId).Select(u => u.DisplayName).FirstOrDefault(),
                CourseIds = c.Courses.Select(cc => cc.CourseId).ToList(),
                Held = db.CouponRedemptions.Count(r => r.CouponId == c.Id && r.ReleasedUtc == null),
                Buyers = db.CouponRedemptions.Where(r => r.CouponId == c.Id && r.ReleasedUtc == null).Select(r => r.UserId).Distinct().Count(),
            })
            .ToListAsync(ct);
        var ids = rows.SelectMany(r => r.CourseIds).Distinct().ToList();
        var titles = await db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);

        var options = db.Courses.AsNoTracking().Where(c => c.Status != CourseStatus.Archived);
        options = isAdmin ? options.Where(c => c.Status == CourseStatus.Published) : options.Where(c => c.InstructorId == userId);
        var courseOptions = await options.OrderBy(c => c.Title).Select(c => new CouponCourseRef(c.Id, c.Title)).ToListAsync(ct);

        return Result.Ok(new CouponPageModel(isAdmin, rows.Select(r => new CouponRow(r.Id, r.Code, r.Description, r.Kind, r.PercentOff, r.AmountOff,
            r.MinimumOrder, r.StartsUtc, r.EndsUtc, r.MaxRedemptions, r.MaxRedemptionsPerUser, r.IsActive, r.InstructorId, r.InstructorName,
            r.CourseIds.Select(id => new CouponCourseRef(id, titles.GetValueOrDefault(id, ""))).ToList(), r.Held, r.Buyers, r.CreatedUtc)).ToList(),
            courseOptions));
    }

    /// <summary>A new active coupon. Admins: site-wide (no courses) or any courses; instructors: only their own courses.</summary>
    public async Task<Result<int>> CreateAsync(int userId, CouponDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var role = await RoleOfAsync(db, userId, ct);
        if (role == Role.None) return Fail<int>(CouponAdminErrors.Forbidden);
        int? instructorId = role == Role.Admin ? null : userId;
        draft = Normalized(draft);
        if (await CheckAsync(db, draft, instructorId, null, ct) is { } refused) return Fail<int>(refused);

        var coupon = Coupon.Create(draft, userId, instructorId, clock.GetUtcNow().UtcDateTime);
        db.Coupons.Add(coupon);
        if (await SaveAsync(db, ct) is { } failed) return Fail<int>(failed);
        return Result.Ok(coupon.Id);
    }

    /// <summary>Changes a coupon: admins any, instructors their own (others' are "not found"). The same rules as creating.</summary>
    public async Task<Result> UpdateAsync(int userId, int couponId, CouponDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (coupon, denied) = await LoadAsync(db, userId, couponId, ct);
        if (denied is not null) return Result.Fail(denied.Code, denied.Message);
        draft = Normalized(draft);
        if (await CheckAsync(db, draft, coupon!.InstructorId, coupon.Id, ct) is { } refused) return Result.Fail(refused.Code, refused.Message);
        coupon.Update(draft);
        if (await SaveAsync(db, ct) is { } failed) return Result.Fail(failed.Code, failed.Message);
        return Result.Ok();
    }

    /// <summary>Switches a coupon on or off; an inactive code is refused at checkout (orders holding it keep their discount).</summary>
    public async Task<Result> SetActiveAsync(int userId, int couponId, bool active, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (coupon, denied) = await LoadAsync(db, userId, couponId, ct);
        if (denied is not null) return Result.Fail(denied.Code, denied.Message);
        coupon!.SetActive(active);
        if (await SaveAsync(db, ct) is { } failed) return Result.Fail(failed.Code, failed.Message);
        return Result.Ok();
    }

    // Shared ---------------------------------------------------------------------------------------------------------

    private enum Role { None, Instructor, Admin }

    private static async Task<Role> RoleOfAsync(KnowledgeHubDbContext db, int userId, CancellationToken ct) =>
        await db.IsAdminAsync(userId, ct) ? Role.Admin : await db.IsInstructorAsync(userId, ct) ? Role.Instructor : Role.None;

    private static async Task<(Coupon? Coupon, Error? Denied)> LoadAsync(KnowledgeHubDbContext db, int userId, int couponId, CancellationToken ct)
    {
        var role = await RoleOfAsync(db, userId, ct);
        if (role == Role.None) return (null, CouponAdminErrors.Forbidden);
        var coupon = await db.Coupons.Include(c => c.Courses).SingleOrDefaultAsync(c => c.Id == couponId, ct);
        // Another instructor's coupon is "not found": its code is not theirs to learn.
        if (coupon is null || (role != Role.Admin && coupon.InstructorId != userId)) return (null, CouponAdminErrors.NotFound);
        return (coupon, null);
    }

    private static CouponDraft Normalized(CouponDraft draft) => draft with
    {
        Code = CouponRules.NormalizeCode(draft.Code ?? ""),
        Description = (draft.Description ?? "").Trim(),
        CourseIds = [.. (draft.CourseIds ?? []).Distinct()],
    };

    /// <summary>The form's rules, then the courses (an instructor's coupon: some, all theirs), then the code's uniqueness.</summary>
    private static async Task<Error?> CheckAsync(KnowledgeHubDbContext db, CouponDraft draft, int? instructorId, int? couponId, CancellationToken ct)
    {
        if (CouponRules.Validate(draft) is { } problem) return CouponAdminErrors.ForProblem(problem);
        if (draft.AmountOff.Currency != Money.Cny || draft.MinimumOrder.Currency != Money.Cny) return CouponAdminErrors.CurrencyInvalid;
        if (instructorId is not null && draft.CourseIds.Count == 0) return CouponAdminErrors.CoursesRequired;
        if (draft.CourseIds.Count > 0)
        {
            var courses = db.Courses.Where(c => draft.CourseIds.Contains(c.Id));
            if (instructorId is { } owner) courses = courses.Where(c => c.InstructorId == owner);
            if (await courses.CountAsync(ct) != draft.CourseIds.Count) return CouponAdminErrors.CourseNotAllowed;
        }
        if (await db.Coupons.AnyAsync(c => c.Code == draft.Code && c.Id != couponId, ct)) return CouponAdminErrors.CodeTaken;
        return null;
    }

    private static async Task<Error?> SaveAsync(KnowledgeHubDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return CouponAdminErrors.CodeTaken; // the same code saved a moment earlier
        }
        catch (DbUpdateConcurrencyException)
        {
            return CouponAdminErrors.Conflict; // RedemptionCount is a concurrency token
        }
    }

    private static Result<T> Fail<T>(Error error) => Result<T>.Fail(error.Code, error.Message);
}
