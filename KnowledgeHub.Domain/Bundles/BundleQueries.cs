using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Bundles;

/// <summary>A bundle's public page: its courses as catalogue cards, the sum of their list prices and what the bundle saves.</summary>
public sealed record BundleDetailModel(
    int Id, string Slug, string Title, string Description, Money Price, string OwnerName, IReadOnlyList<CourseCardModel> Courses, DateTime UpdatedUtc)
{
    public Money ListTotal => Courses.Aggregate(Money.Zero(Price.Currency), (s, c) => s.Add(c.Price));
    /// <summary>Zero when the bundle costs as much as its courses or more.</summary>
    public Money Saving => ListTotal.MinorUnits > Price.MinorUnits ? ListTotal.Subtract(Price) : Money.Zero(Price.Currency);
}

/// <summary>A published bundle that holds a course, for that course's page.</summary>
public sealed record BundleOffer(int Id, string Slug, string Title, Money Price, int CourseCount, Money ListTotal)
{
    public Money Saving => ListTotal.MinorUnits > Price.MinorUnits ? ListTotal.Subtract(Price) : Money.Zero(Price.Currency);
}

/// <summary>
/// The public read side of bundles. A bundle is public while it is published and every course in it is published (the
/// checkout refuses it otherwise).
/// </summary>
public sealed class BundleQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory)
{
    /// <summary>The published bundle with this slug, or null (the page answers 404).</summary>
    public async Task<BundleDetailModel?> GetPublishedAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bundle = await Public(db).Where(b => b.Slug == slug)
            .Select(b => new
            {
                b.Id, b.Slug, b.Title, b.Description, b.Price, b.UpdatedUtc,
                OwnerName = db.Users.Where(u => u.Id == b.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                Courses = b.Courses.Select(c => new { c.CourseId, c.Position }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (bundle is null) return null;
        var ids = bundle.Courses.Select(c => c.CourseId).ToList();
        var cards = await CatalogQueries.ToCards(db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))).ToListAsync(ct);
        var order = bundle.Courses.ToDictionary(c => c.CourseId, c => c.Position);
        return new BundleDetailModel(bundle.Id, bundle.Slug, bundle.Title, bundle.Description, bundle.Price, bundle.OwnerName ?? "",
            [.. cards.OrderBy(c => order[c.Id])], bundle.UpdatedUtc);
    }

    /// <summary>The public bundles that hold the course, the biggest saving first.</summary>
    public async Task<IReadOnlyList<BundleOffer>> GetForCourseAsync(int courseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = await Public(db).Where(b => b.Courses.Any(c => c.CourseId == courseId))
            .Select(b => new
            {
                b.Id, b.Slug, b.Title, b.Price, Count = b.Courses.Count,
                ListTotal = db.Courses.Where(c => b.Courses.Any(bc => bc.CourseId == c.Id)).Sum(c => c.Price.MinorUnits),
            })
            .ToListAsync(ct);
        return [.. offers.Select(o => new BundleOffer(o.Id, o.Slug, o.Title, o.Price, o.Count, new Money(o.ListTotal, o.Price.Currency)))
            .OrderByDescending(o => o.Saving.MinorUnits).ThenBy(o => o.Id)];
    }

    private static IQueryable<Bundle> Public(KnowledgeHubDbContext db) =>
        db.Bundles.AsNoTracking().Where(b => b.IsPublished
            && !b.Courses.Any(bc => db.Courses.Any(c => c.Id == bc.CourseId && c.Status != CourseStatus.Published)));
}
