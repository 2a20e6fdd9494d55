using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Orders;

public static class CartErrors
{
    public const string Unavailable = "cart.unavailable", Free = "cart.free", Owned = "cart.owned", OwnCourse = "cart.own_course",
        AlreadyInCart = "cart.already_in_cart", InCartBundle = "cart.in_cart_bundle", BundleAllOwned = "cart.bundle_all_owned", Full = "cart.full";
}

/// <summary>One row of the cart page. <see cref="Problem"/> is set when the item can no longer be bought (unpublished, now owned).</summary>
public sealed record CartLine(int ItemId, int? CourseId, int? BundleId, string Title, string? Slug, string? CourseCount, Money Price, Money? ListPrice,
    string? InstructorName, string CoverStyle, string? CoverImageKey, string? Problem);

public sealed record CartView(IReadOnlyList<CartLine> Lines, Money Total)
{
    public IReadOnlyList<CartLine> Buyable => [.. Lines.Where(l => l.Problem is null)];
    public CheckoutItems Items => new([.. Buyable.Where(l => l.CourseId != null).Select(l => l.CourseId!.Value)],
        [.. Buyable.Where(l => l.BundleId != null).Select(l => l.BundleId!.Value)]);
}

/// <summary>A signed-in learner's cart. Owned, free, own and already-carted courses are refused with a reason.</summary>
public sealed class CartService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Result> AddCourseAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId && c.Status == CourseStatus.Published)
            .Select(c => new { c.Price, c.InstructorId }).SingleOrDefaultAsync(ct);
        if (course is null) return Result.Fail(CartErrors.Unavailable, "CartUnavailable");
        if (course.Price.IsZero) return Result.Fail(CartErrors.Free, "CartFree");
        if (course.InstructorId == userId) return Result.Fail(CartErrors.OwnCourse, "CartOwnCourse");
        if (await db.Enrollments.AnyAsync(e => e.LearnerId == userId && e.CourseId == courseId, ct)) return Result.Fail(CartErrors.Owned, "CartOwned");
        var items = await db.CartItems.Where(i => i.UserId == userId).ToListAsync(ct);
        if (items.Any(i => i.CourseId == courseId)) return Result.Fail(CartErrors.AlreadyInCart, "CartAlreadyInCart");
        var bundleIds = items.Where(i => i.BundleId != null).Select(i => i.BundleId!.Value).ToList();
        if (bundleIds.Count > 0 && await db.Set<Bundles.BundleCourse>().AnyAsync(bc => bundleIds.Contains(bc.BundleId) && bc.CourseId == courseId, ct))
            return Result.Fail(CartErrors.InCartBundle, "CartInCartBundle");
        if (items.Count >= CartItem.MaxItems) return Result.Fail(CartErrors.Full, "CartFull");
        db.CartItems.Add(CartItem.ForCourse(userId, courseId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Adds a bundle; courses of the bundle that were in the cart on their own are replaced by it.</summary>
    public async Task<Result<int>> AddBundleAsync(int userId, int bundleId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var bundle = await db.Bundles.AsNoTracking().Include(b => b.Courses).SingleOrDefaultAsync(b => b.Id == bundleId && b.IsPublished, ct);
        if (bundle is null) return Result<int>.Fail(CartErrors.Unavailable, "CartUnavailable");
        var courseIds = bundle.Courses.Select(c => c.CourseId).ToList();
        if (await db.Courses.AnyAsync(c => courseIds.Contains(c.Id) && (c.Status != CourseStatus.Published || c.InstructorId == userId), ct))
            return Result<int>.Fail(CartErrors.Unavailable, "CartUnavailable");
        var owned = await db.Enrollments.CountAsync(e => e.LearnerId == userId && courseIds.Contains(e.CourseId), ct);
        if (owned == courseIds.Count) return Result<int>.Fail(CartErrors.BundleAllOwned, "CartBundleAllOwned");
        var items = await db.CartItems.Where(i => i.UserId == userId).ToListAsync(ct);
        if (items.Any(i => i.BundleId == bundleId)) return Result<int>.Fail(CartErrors.AlreadyInCart, "CartAlreadyInCart");
        var otherBundles = items.Where(i => i.BundleId != null).Select(i => i.BundleId!.Value).ToList();
        if (otherBundles.Count > 0 && await db.Set<Bundles.BundleCourse>().AnyAsync(bc => otherBundles.Contains(bc.BundleId) && courseIds.Contains(bc.CourseId), ct))
            return Result<int>.Fail(CartErrors.InCartBundle, "CartInCartBundle");
        var replaced = items.Where(i => i.CourseId is { } id && courseIds.Contains(id)).ToList();
        if (items.Count - replaced.Count >= CartItem.MaxItems) return Result<int>.Fail(CartErrors.Full, "CartFull");
        db.CartItems.RemoveRange(replaced);
        db.CartItems.Add(CartItem.ForBundle(userId, bundleId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Ok(replaced.Count);
    }

    public async Task<Result> RemoveAsync(int userId, int itemId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.CartItems.Where(i => i.Id == itemId && i.UserId == userId).ExecuteDeleteAsync(ct);
        return removed == 0 ? Result.Fail(CartErrors.Unavailable, "CartItemGone") : Result.Ok();
    }

    public async Task<int> CountAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CartItems.CountAsync(i => i.UserId == userId, ct);
    }

    public async Task<bool> ContainsCourseAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CartItems.AnyAsync(i => i.UserId == userId && i.CourseId == courseId, ct);
    }

    /// <summary>The cart with current prices; items that can no longer be bought carry a reason and are left out of checkout.</summary>
    public async Task<CartView> GetAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.CartItems.AsNoTracking().Where(i => i.UserId == userId).OrderBy(i => i.AddedUtc).ThenBy(i => i.Id).ToListAsync(ct);
        var courseIds = items.Where(i => i.CourseId != null).Select(i => i.CourseId!.Value).ToList();
        var bundleIds = items.Where(i => i.BundleId != null).Select(i => i.BundleId!.Value).ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, c.Slug, c.Price, c.Status, c.CoverStyle, c.CoverImageKey, InstructorName = db.Users.Where(u => u.Id == c.InstructorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, ct);
        var bundles = await db.Bundles.AsNoTracking().Where(b => bundleIds.Contains(b.Id))
            .Select(b => new { b.Id, b.Title, b.Slug, b.Price, b.IsPublished, Count = b.Courses.Count }).ToDictionaryAsync(b => b.Id, ct);
        var owned = (await db.Enrollments.AsNoTracking().Where(e => e.LearnerId == userId && courseIds.Contains(e.CourseId)).Select(e => e.CourseId).ToListAsync(ct)).ToHashSet();

        var lines = new List<CartLine>();
        foreach (var item in items)
        {
            if (item.CourseId is { } courseId && courses.TryGetValue(courseId, out var c))
            {
                var problem = c.Status != CourseStatus.Published ? "CartUnavailable" : owned.Contains(courseId) ? "CartOwned" : c.Price.IsZero ? "CartFree" : null;
                lines.Add(new CartLine(item.Id, courseId, null, c.Title, c.Slug, null, c.Price, null, c.InstructorName, c.CoverStyle, c.CoverImageKey, problem));
            }
            else if (item.BundleId is { } bundleId && bundles.TryGetValue(bundleId, out var b))
            {
                // Bundles are priced for this buyer (owned courses priced out) by the same rules as the checkout.
                var priced = b.IsPublished ? await OrderPricing.PriceAsync(db, userId, CheckoutItems.Bundle(bundleId), ct) : null;
                var price = priced is { IsSuccess: true } ? priced.Value!.Aggregate(Money.Zero(b.Price.Currency), (s, l) => s.Add(l.ListPrice)) : b.Price;
                var problem = priced is null ? "CartUnavailable" : priced.IsSuccess ? null : priced.Error!.Message;
                lines.Add(new CartLine(item.Id, null, bundleId, b.Title, b.Slug, b.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), price,
                    price == b.Price ? null : b.Price, null, "", null, problem));
            }
        }
        var total = lines.Where(l => l.Problem is null).Aggregate(Money.Zero(), (s, l) => s.Add(l.Price));
        return new CartView(lines, total);
    }
}
