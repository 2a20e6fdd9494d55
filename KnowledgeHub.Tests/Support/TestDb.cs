using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Support;

/// <summary>
/// A private in-memory SQLite database with the real migrations applied. The connection stays open for
/// the test's lifetime (closing it drops the database).
/// </summary>
public sealed class TestDb : IDbContextFactory<KnowledgeHubDbContext>, IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public TestDb()
    {
        connection.Open();
        using var db = CreateDbContext();
        db.Database.Migrate();
        foreach (var role in Roles.All)
            db.Roles.Add(new IdentityRole<int>(role) { NormalizedName = role.ToUpperInvariant() });
        db.SaveChanges();
    }

    public DbContextOptions<KnowledgeHubDbContext> Options =>
        new DbContextOptionsBuilder<KnowledgeHubDbContext>().UseSqlite(connection).Options;

    public KnowledgeHubDbContext CreateDbContext() => new(Options);

    public void Dispose() => connection.Dispose();
}
