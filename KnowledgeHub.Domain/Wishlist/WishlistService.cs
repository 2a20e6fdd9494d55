using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;

using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Wishlist;

/// <summary>
/// A user's saved courses. Only published courses can be added; any item can be removed (even of a course unpublished
/// since). Each change records a WishlistAdd or WishlistRemove event.
/// </summary>
public sealed class WishlistService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, EventRecorder events)
{
    /// <summary>
    /// Adds the course to the user's wishlist, or removes it when it is there. The value is true when the course is now
    /// in the wishlist. <paramref name="visitor"/> ties the event to the visitor cookie when the caller has it.
    /// </summary>
    public async Task<Result<bool>> ToggleAsync(int userId, int courseId, VisitorIdentity? visitor = null, CancellationToken ct = default)
    {
        if (await RemoveAsync(userId, courseId, visitor, ct)) return Result.Ok(false);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Courses.AnyAsync(c => c.Id == courseId && c.Status == CourseStatus.Published, ct))
            return Result<bool>.Fail("wishlist.unavailable", "WishlistCourseUnavailable");
        db.WishlistItems.Add(new WishlistItem(userId, courseId, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Result.Ok(true); // added a moment ago (another tab or a double click), which recorded the event
        }
        await events.RecordAsync(BehaviorEventType.WishlistAdd, visitor ?? VisitorIdentity.ForUser(userId), courseId, ct: ct);
        return Result.Ok(true);
    }

    /// <summary>Takes the course out of the wishlist; false when it was not there (nothing changes, no event).</summary>
    public async Task<bool> RemoveAsync(int userId, int courseId, VisitorIdentity? visitor = null, CancellationToken ct = default)
    {
        int removed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            removed = await db.WishlistItems.Where(w => w.UserId == userId && w.CourseId == courseId).ExecuteDeleteAsync(ct);
        if (removed == 0) return false;
        await events.RecordAsync(BehaviorEventType.WishlistRemove, visitor ?? VisitorIdentity.ForUser(userId), courseId, ct: ct);
        return true;
    }

    public async Task<bool> IsInWishlistAsync(int userId, int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WishlistItems.AnyAsync(w => w.UserId == userId && w.CourseId == courseId, ct);
    }

    /// <summary>The user's saved courses that are still published, most recently added first.</summary>
    public async Task<IReadOnlyList<CourseCardModel>> ListAsync(int userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var courses = from w in db.WishlistItems.AsNoTracking()
                      join c in db.Courses.AsNoTracking() on w.CourseId equals c.Id
                      where w.UserId == userId && c.Status == CourseStatus.Published
                      orderby w.AddedUtc descending, w.Id descending
                      select c;
        return await CatalogQueries.ToCards(courses).ToListAsync(ct);
    }
}
