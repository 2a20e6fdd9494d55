using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Reviews;

/// <summary>One bar of the histogram: how many visible reviews gave <paramref name="Stars"/> stars, and their share (0 to 1).</summary>
public sealed record RatingBar(int Stars, int Count, double Share);

/// <summary>The visible reviews of a course: average, count and bars for 5 down to 1 stars.</summary>
public sealed record ReviewSummary(double Average, int Count, IReadOnlyList<RatingBar> Bars);

/// <summary>
/// One review as a viewer sees it. The Can... flags say what the viewer may do (the service checks again);
/// <paramref name="ReportCount"/> is filled for admins only.
/// </summary>
public sealed record ReviewItem(
    int Id, int Rating, string ReviewerName, string Text, DateTime CreatedUtc, DateTime UpdatedUtc,
    string? Reply, DateTime? RepliedUtc, bool IsHidden, bool IsOwn,
    bool CanReply, bool CanReport, bool AlreadyReported, bool CanModerate, int ReportCount)
{
    public bool IsEdited => UpdatedUtc > CreatedUtc;
}

/// <summary>A page of reviews, newest first.</summary>
public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, int Total, bool HasMore);

/// <summary>The viewer's own review of the course, hidden or not.</summary>
public sealed record OwnReview(int Id, int Rating, string Text, bool IsHidden, DateTime UpdatedUtc);

/// <summary>Who is looking at a course's reviews and what that allows: write (enrolled), reply (its instructor), moderate (admin).</summary>
public sealed record ReviewViewer(int? UserId, bool IsEnrolled, bool IsInstructor, bool IsAdmin, OwnReview? Own)
{
    public static readonly ReviewViewer Anonymous = new(null, false, false, false, null);
    public bool IsSignedIn => UserId is not null;
    public bool CanWrite => IsEnrolled && !IsInstructor;   // instructors never rate their own course
}

/// <summary>The read side of reviews for the course page.</summary>
public sealed class ReviewQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory)
{
    public const int DefaultPageSize = 10;

    public async Task<ReviewSummary> GetSummaryAsync(int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Reviews.AsNoTracking().Where(r => r.CourseId == courseId && !r.IsHidden)
            .GroupBy(r => r.Rating).Select(g => new { Stars = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Stars, x => x.Count, ct);
        var total = counts.Values.Sum();
        var average = total == 0 ? 0 : Math.Round(counts.Sum(x => x.Key * x.Value) / (double)total, 2);
        var bars = new List<RatingBar>(5);
        for (var stars = 5; stars >= 1; stars--)
        {
            var n = counts.GetValueOrDefault(stars);
            bars.Add(new RatingBar(stars, n, total == 0 ? 0 : n / (double)total));
        }
        return new ReviewSummary(average, total, bars);
    }

    /// <summary>
    /// Visible reviews, newest first. Admins also see hidden ones (to unhide them) with report counts; an author also sees
    /// their own hidden review. <paramref name="viewerId"/> is null for anonymous visitors.
    /// </summary>
    public async Task<ReviewPage> GetPageAsync(int courseId, int? viewerId, int skip = 0, int take = DefaultPageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var isAdmin = viewerId is { } id && await db.IsAdminAsync(id, ct);
        var isInstructor = viewerId is not null && await db.Courses.AnyAsync(c => c.Id == courseId && c.InstructorId == viewerId, ct);
        var viewer = viewerId ?? -1;

        var reviews = db.Reviews.AsNoTracking().Where(r => r.CourseId == courseId && (!r.IsHidden || isAdmin || r.LearnerId == viewer));
        var total = await reviews.CountAsync(ct);
        var rows = await reviews
            .OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Select(r => new
            {
                r.Id, r.Rating, r.Text, r.CreatedUtc, r.UpdatedUtc, r.InstructorReply, r.RepliedUtc, r.IsHidden, r.LearnerId,
                Name = db.Users.Where(u => u.Id == r.LearnerId).Select(u => u.DisplayName).FirstOrDefault(),
                Reported = db.ReviewReports.Any(rr => rr.ReviewId == r.Id && rr.ReporterId == viewer),
                Reports = isAdmin ? db.ReviewReports.Count(rr => rr.ReviewId == r.Id) : 0,
            })
            .ToListAsync(ct);

        var items = rows.Select(r =>
        {
            var own = r.LearnerId == viewer;
            return new ReviewItem(r.Id, r.Rating, r.Name ?? "", r.Text, r.CreatedUtc, r.UpdatedUtc, r.InstructorReply, r.RepliedUtc,
                r.IsHidden, own,
                CanReply: isInstructor && r.InstructorReply is null && !r.IsHidden,
                CanReport: viewerId is not null && !own && !r.IsHidden && !r.Reported,
                AlreadyReported: r.Reported,
                CanModerate: isAdmin,
                ReportCount: r.Reports);
        }).ToList();
        return new ReviewPage(items, total, Math.Max(0, skip) + items.Count < total);
    }

    /// <summary>What the viewer may do with the course's reviews, and their own review.</summary>
    public async Task<ReviewViewer> GetViewerAsync(int courseId, int? viewerId, CancellationToken ct = default)
    {
        if (viewerId is not { } userId) return ReviewViewer.Anonymous;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var enrolled = await db.Enrollments.AnyAsync(e => e.LearnerId == userId && e.CourseId == courseId, ct);
        var instructor = await db.Courses.AnyAsync(c => c.Id == courseId && c.InstructorId == userId, ct);
        var own = await db.Reviews.AsNoTracking().Where(r => r.CourseId == courseId && r.LearnerId == userId)
            .Select(r => new OwnReview(r.Id, r.Rating, r.Text, r.IsHidden, r.UpdatedUtc)).SingleOrDefaultAsync(ct);
        return new ReviewViewer(userId, enrolled, instructor, await db.IsAdminAsync(userId, ct), own);
    }
}
