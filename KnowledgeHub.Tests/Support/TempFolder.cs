using Microsoft.Data.Sqlite;

namespace KnowledgeHub.Tests.Support;

/// <summary>A fresh folder under /tmp, deleted (after releasing pooled SQLite handles) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kh-test-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
