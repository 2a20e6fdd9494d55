using KnowledgeHub.Domain.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// Keeps the process-wide <see cref="CatalogSnapshot"/>. A search gets a snapshot of at least the catalogue version it
/// read and at most <see cref="Lifetime"/> old (popularity and rating orders may lag that much; nothing else may): after a
/// catalogue change the search waits for the reload (one load, shared by all searches waiting), and from
/// <see cref="RefreshAfter"/> on a search starts a reload on the thread pool and carries on with the current snapshot,
/// so under steady traffic the time-based reload never runs on a request.
/// </summary>
internal sealed class CatalogSnapshotSource
{
    public static readonly TimeSpan Lifetime = CatalogSearchService.CacheLifetime;
    public static readonly TimeSpan RefreshAfter = Lifetime / 2;
    private const int MaxLoadsPerSearch = 3;

    private readonly IDbContextFactory<KnowledgeHubDbContext> dbFactory;
    private readonly TimeProvider clock;
    private readonly SharedLoad<CatalogSnapshot> load;

    public CatalogSnapshotSource(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, Action<Exception> onRefreshError)
    {
        this.dbFactory = dbFactory;
        this.clock = clock;
        load = new SharedLoad<CatalogSnapshot>(LoadAsync, onRefreshError);
    }

    public CatalogSnapshot? Current => load.Current;

    /// <summary>A snapshot of <paramref name="version"/> or newer, younger than <see cref="Lifetime"/>.</summary>
    public async Task<CatalogSnapshot> GetAsync(long version, CancellationToken ct)
    {
        var snapshot = load.Current;
        for (var loads = 0; ; loads++)
        {
            if (snapshot is not null && (snapshot.Version >= version || loads == MaxLoadsPerSearch))
            {
                var age = clock.GetUtcNow() - snapshot.LoadedUtc;
                if (age < Lifetime || loads > 0)
                {
                    if (age >= RefreshAfter) _ = load.RefreshInBackground();
                    return snapshot;
                }
            }
            // A load that was already running may have begun before the change this search saw: then load once more.
            snapshot = await load.LoadAsync(ct);
        }
    }

    private async Task<CatalogSnapshot> LoadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return await CatalogSnapshot.LoadAsync((SqliteConnection)db.Database.GetDbConnection(), load.Current, clock.GetUtcNow(), ct);
    }
}
