using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Reviews;

/// <summary>
/// A SQLite file in WAL mode with the app's pragmas (busy timeout): one connection per context, as in production, for
/// tests that run many operations in parallel (an in-memory <see cref="TestDb"/> shares one connection, which is not thread-safe).
/// </summary>
public sealed class FileTestDb : IDbContextFactory<KnowledgeHubDbContext>, IDisposable
{
    private readonly TempFolder folder = new();
    private readonly DbContextOptions<KnowledgeHubDbContext> options;

    public FileTestDb()
    {
        options = new DbContextOptionsBuilder<KnowledgeHubDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder.Path, "test.db")}")
            .AddInterceptors(new SqlitePragmas())
            .Options;
        using var db = CreateDbContext();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");
        foreach (var role in Roles.All)
            db.Roles.Add(new IdentityRole<int>(role) { NormalizedName = role.ToUpperInvariant() });
        db.SaveChanges();
    }

    public KnowledgeHubDbContext CreateDbContext() => new(options);

    public void Dispose() => folder.Dispose();
}
