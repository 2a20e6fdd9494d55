using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using KnowledgeHub.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Domain.Data;

public sealed class SqliteStoreTests
{
    [Fact]
    public void BundledSqlite_Version_IsPastTheWalResetCorruptionFix()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);

        Assert.True(version >= new Version(3, 51, 3), $"SQLite {version} has the WAL-reset corruption bug (fixed in 3.51.3).");
    }

    [Fact]
    public async Task InitializeAsync_FileDatabase_UsesWalForeignKeysAndABusyTimeout()
    {
        using var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["KnowledgeHub:DataDirectory"] = folder.Path,
            ["KnowledgeHub:DemoData"] = "false",
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddKnowledgeHubDomain(configuration, "/").BuildServiceProvider();

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = await services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        Assert.Equal("wal", await Scalar(db, "PRAGMA journal_mode"));
        Assert.Equal("1", await Scalar(db, "PRAGMA foreign_keys"));
        Assert.Equal("5000", await Scalar(db, "PRAGMA busy_timeout"));
        Assert.True(File.Exists(Path.Combine(folder.Path, "knowledgehub.db")));
        Assert.Equal(3, await db.Roles.CountAsync());
    }

    [Fact]
    public void DataPaths_RelativeFolder_ResolvesUnderTheContentRootAndCreatesIt()
    {
        using var root = new TempFolder();
        var paths = new DataPaths("data", root.Path);

        Assert.Equal(Path.Combine(root.Path, "data"), paths.Root);
        Assert.True(Directory.Exists(paths.Mail));
        Assert.True(Directory.Exists(paths.Keys));
        Assert.Contains(Path.Combine(root.Path, "data", "knowledgehub.db"), paths.SqliteConnectionString);
    }

    private static async Task<string> Scalar(KnowledgeHubDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
