namespace KnowledgeHub.Domain.Data;

/// <summary>Absolute paths inside the data folder, resolved once from configuration and the content root.</summary>
public sealed class DataPaths
{
    public DataPaths(string dataDirectory, string contentRoot)
    {
        Root = Path.GetFullPath(Path.IsPathRooted(dataDirectory) ? dataDirectory : Path.Combine(contentRoot, dataDirectory));
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Uploads);
        Directory.CreateDirectory(Keys);
        Directory.CreateDirectory(Mail);
    }

    public string Root { get; }
    public string Database => Path.Combine(Root, "knowledgehub.db");
    public string Uploads => Path.Combine(Root, "uploads");
    public string Keys => Path.Combine(Root, "keys");
    public string Mail => Path.Combine(Root, "mail");

    public string SqliteConnectionString => $"Data Source={Database};Default Timeout=30;Pooling=True";
}
