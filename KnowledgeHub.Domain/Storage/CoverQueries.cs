using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace KnowledgeHub.Domain.Storage;

/// <summary>Whether a stored image is (any size of) a course's cover: what makes it public.</summary>
public sealed class CoverQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory, IMemoryCache cache)
{
    /// <summary>How long a "yes" is remembered: covers appear on every catalogue card, the answer rarely changes.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(10);

    public async Task<bool> IsCourseCoverAsync(string key, CancellationToken ct)
    {
        if (CoverImages.KeyFor(key, CoverImages.Large) is not { } coverKey) return false;
        if (cache.TryGetValue((nameof(CoverQueries), coverKey), out _)) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var used = await db.Courses.AsNoTracking().AnyAsync(c => c.CoverImageKey == coverKey, ct);
        if (used) cache.Set((nameof(CoverQueries), coverKey), true, CacheLifetime);
        return used;
    }
}
