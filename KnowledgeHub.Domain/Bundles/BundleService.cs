using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Bundles;

/// <summary>Why a bundle change was refused: a stable code and the resource key of its message (KnowledgeHub.Web Strings).</summary>
public static class BundleErrors
{
    public static readonly Error Forbidden = new("bundle.forbidden", "BundleForbidden");
    public static readonly Error NotFound = new("bundle.not_found", "BundleNotFound");
    public static readonly Error TitleRequired = new("bundle.title_required", "BundleTitleRequired");
    public static readonly Error TitleTooLong = new("bundle.title_too_long", "BundleTitleTooLong");
    public static readonly Error DescriptionTooLong = new("bundle.description_too_long", "BundleDescriptionTooLong");
    public static readonly Error PriceInvalid = new("bundle.price_invalid", "BundlePriceInvalid");
    public static readonly Error CourseCount = new("bundle.course_count", "BundleCourseCountInvalid");
    /// <summary>A course that is not published, or (instructors) not theirs.</summary>
    public static readonly Error CourseNotAllowed = new("bundle.course_not_allowed", "BundleCourseNotAllowed");
    public static readonly Error SlugTaken = new("bundle.slug_taken", "BundleSlugTaken");
}

/// <summary>What the bundle form holds. Price in minor units (CNY).</summary>
public sealed record BundleDraft(string Title, string Description, Money Price, IReadOnlyList<int> CourseIds);

/// <summary>A course of a bundle on the management page.</summary>
public sealed record BundleCourseRow(int Id, string Title, Money Price, CourseStatus Status);

/// <summary>One bundle on the management page, with the sum of its courses' list prices and what buying it saves.</summary>
public sealed record BundleRow(
    int Id, string Slug, string Title, string Description, Money Price, bool IsPublished, int OwnerId, string OwnerName,
    IReadOnlyList<BundleCourseRow> Courses, DateTime UpdatedUtc)
{
    public Money ListTotal => Courses.Aggregate(Money.Zero(Price.Currency), (s, c) => s.Add(c.Price));
    public Money Saving => ListTotal.Subtract(Price);
    public BundleDraft ToDraft() => new(Title, Description, Price, [.. Courses.Select(c => c.Id)]);
}

/// <summary>A published course that may go into the user's bundles.</summary>
public sealed record BundleCourseOption(int Id, string Title, Money Price, string InstructorName);

public sealed record BundlePageModel(bool IsAdmin, IReadOnlyList<BundleRow> Bundles, IReadOnlyList<BundleCourseOption> CourseOptions);

/// <summary>Returned by create: the new bundle's id and its (generated, unique) slug.</summary>
public sealed record BundleCreated(int Id, string Slug);

/// <summary>
/// Course bundles (课程包): instructors bundle 2–20 of their own published courses, admins any published courses; the
/// owner or an admin changes, publishes and unpublishes. The slug comes from the title and never changes. A save that
/// changes a published bundle tells the <see cref="ICatalogChangeListener"/>s once committed (public pages show bundles).
/// </summary>
public sealed class BundleService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, IEnumerable<ICatalogChangeListener> listeners)
{
    private const int SlugSuffixRoom = 6;

    /// <summary>Admins: every bundle and every published course; instructors: theirs; others: refused.</summary>
    public async Task<Result<BundlePageModel>> GetPageAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isAdmin = await db.IsAdminAsync(userId, ct);
        if (!isAdmin && !await db.IsInstructorAsync(userId, ct)) return Fail<BundlePageModel>(BundleErrors.Forbidden);

        var bundles = db.Bundles.AsNoTracking();
        if (!isAdmin) bundles = bundles.Where(b => b.OwnerId == userId);
        var list = await bundles.Include(b => b.Courses).OrderByDescending(b => b.UpdatedUtc).ThenByDescending(b => b.Id).ToListAsync(ct);
        var courseIds = list.SelectMany(b => b.Courses.Select(c => c.CourseId)).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .Select(c => new BundleCourseRow(c.Id, c.Title, c.Price, c.Status)).ToDictionaryAsync(c => c.Id, ct);
        var ownerIds = list.Select(b => b.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        var options = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published);
        if (!isAdmin) options = options.Where(c => c.InstructorId == userId);
        var courseOptions = await options.OrderBy(c => c.Title)
            .Select(c => new BundleCourseOption(c.Id, c.Title, c.Price, c.Instructor!.DisplayName)).ToListAsync(ct);

        var rows = list.Select(b => new BundleRow(b.Id, b.Slug, b.Title, b.Description, b.Price, b.IsPublished, b.OwnerId,
            owners.GetValueOrDefault(b.OwnerId, ""), b.Courses.OrderBy(c => c.Position).Select(c => courses[c.CourseId]).ToList(), b.UpdatedUtc)).ToList();
        return Result.Ok(new BundlePageModel(isAdmin, rows, courseOptions));
    }

    /// <summary>A new, unpublished bundle owned by the caller (an instructor or an admin).</summary>
    public async Task<Result<BundleCreated>> CreateAsync(int userId, BundleDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isAdmin = await db.IsAdminAsync(userId, ct);
        if (!isAdmin && !await db.IsInstructorAsync(userId, ct)) return Fail<BundleCreated>(BundleErrors.Forbidden);
        draft = Normalized(draft);
        if (await CheckAsync(db, draft, isAdmin ? null : userId, ct) is { } refused) return Fail<BundleCreated>(refused);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var slug = await UniqueSlugAsync(db, BaseSlug(draft.Title), ct);
        var bundle = Bundle.Create(slug, draft.Title, draft.Description, draft.Price, draft.CourseIds, userId, Now);
        db.Bundles.Add(bundle);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Fail<BundleCreated>(BundleErrors.SlugTaken);
        }
        await transaction.CommitAsync(ct);
        return Result.Ok(new BundleCreated(bundle.Id, bundle.Slug));
    }

    /// <summary>Title, description, price and courses (the owner or an admin). The slug stays.</summary>
    public Task<Result> UpdateAsync(int userId, int bundleId, BundleDraft draft, CancellationToken ct = default) =>
        ChangeAsync(userId, bundleId, async (db, bundle, isAdmin) =>
        {
            draft = Normalized(draft);
            // An admin's bundle may hold any published courses; an instructor's (also when an admin edits it) only the owner's.
            var ownerIsAdmin = bundle.OwnerId == userId ? isAdmin : await db.IsAdminAsync(bundle.OwnerId, ct);
            if (await CheckAsync(db, draft, ownerIsAdmin ? null : bundle.OwnerId, ct) is { } refused) return refused;
            bundle.Update(draft.Title, draft.Description, draft.Price, draft.CourseIds, Now);
            return null;
        }, ct);

    /// <summary>Publishes (every course must still be published) or unpublishes a bundle.</summary>
    public Task<Result> SetPublishedAsync(int userId, int bundleId, bool published, CancellationToken ct = default) =>
        ChangeAsync(userId, bundleId, async (db, bundle, _) =>
        {
            if (published)
            {
                var ids = bundle.Courses.Select(c => c.CourseId).ToList();
                if (await db.Courses.CountAsync(c => ids.Contains(c.Id) && c.Status == CourseStatus.Published, ct) != ids.Count)
                    return BundleErrors.CourseNotAllowed;
            }
            bundle.SetPublished(published, Now);
            return null;
        }, ct);

    // Shared ---------------------------------------------------------------------------------------------------------

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Result> ChangeAsync(int userId, int bundleId, Func<KnowledgeHubDbContext, Bundle, bool, Task<Error?>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isAdmin = await db.IsAdminAsync(userId, ct);
        if (!isAdmin && !await db.IsInstructorAsync(userId, ct)) return Result.Fail(BundleErrors.Forbidden.Code, BundleErrors.Forbidden.Message);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bundle = await db.Bundles.Include(b => b.Courses).SingleOrDefaultAsync(b => b.Id == bundleId, ct);
        if (bundle is null || (!isAdmin && bundle.OwnerId != userId)) return Result.Fail(BundleErrors.NotFound.Code, BundleErrors.NotFound.Message);
        var wasPublished = bundle.IsPublished;
        if (await change(db, bundle, isAdmin) is { } refused) return Result.Fail(refused.Code, refused.Message);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (wasPublished || bundle.IsPublished) await NotifyAsync(ct);
        return Result.Ok();
    }

    private static BundleDraft Normalized(BundleDraft draft) => draft with
    {
        Title = (draft.Title ?? "").Trim(),
        Description = (draft.Description ?? "").Trim(),
        CourseIds = [.. (draft.CourseIds ?? []).Distinct()],
    };

    /// <summary>The form's rules, then the courses: published, and the owner's unless <paramref name="ownerId"/> is null (admins).</summary>
    private static async Task<Error?> CheckAsync(KnowledgeHubDbContext db, BundleDraft draft, int? ownerId, CancellationToken ct)
    {
        if (draft.Title.Length == 0) return BundleErrors.TitleRequired;
        if (draft.Title.Length > Bundle.TitleMaxLength) return BundleErrors.TitleTooLong;
        if (draft.Description.Length > Bundle.DescriptionMaxLength) return BundleErrors.DescriptionTooLong;
        if (draft.Price is null || draft.Price.Currency != Money.Cny || draft.Price.MinorUnits <= 0 || draft.Price.MinorUnits > Course.MaxPriceMinor * Bundle.MaxCourses)
            return BundleErrors.PriceInvalid;
        if (draft.CourseIds.Count is < Bundle.MinCourses or > Bundle.MaxCourses) return BundleErrors.CourseCount;
        var courses = db.Courses.Where(c => draft.CourseIds.Contains(c.Id) && c.Status == CourseStatus.Published);
        if (ownerId is { } owner) courses = courses.Where(c => c.InstructorId == owner);
        return await courses.CountAsync(ct) == draft.CourseIds.Count ? null : BundleErrors.CourseNotAllowed;
    }

    /// <summary>The title's ASCII words ("Python 全栈 Bundle" → "python-bundle"), else "bundle-" and random letters; room left for "-n".</summary>
    internal static string BaseSlug(string title)
    {
        var slug = CourseSlug.FromTitle(title) ?? "bundle-" + System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
        if (slug.Length > Bundle.SlugMaxLength - SlugSuffixRoom) slug = slug[..(Bundle.SlugMaxLength - SlugSuffixRoom)].TrimEnd('-');
        return slug;
    }

    private static async Task<string> UniqueSlugAsync(KnowledgeHubDbContext db, string baseSlug, CancellationToken ct)
    {
        var prefix = baseSlug + "-";
        var taken = (await db.Bundles.Where(b => b.Slug == baseSlug || b.Slug.StartsWith(prefix)).Select(b => b.Slug).ToListAsync(ct)).ToHashSet();
        if (!taken.Contains(baseSlug)) return baseSlug;
        for (var n = 2; ; n++)
            if (!taken.Contains(prefix + n)) return prefix + n;
    }

    private async Task NotifyAsync(CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.CatalogChangedAsync(ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Committed already; a cache that could not be cleared expires on its own.
            }
        }
    }

    private static Result<T> Fail<T>(Error error) => Result<T>.Fail(error.Code, error.Message);
}
