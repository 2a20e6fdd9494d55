namespace KnowledgeHub.Domain;

/// <summary>The "KnowledgeHub" configuration section.</summary>
public sealed class KnowledgeHubOptions
{
    public const string Section = "KnowledgeHub";

    /// <summary>Holds the database, uploads, Data Protection keys and development mail. Relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = "data";
    /// <summary>Seed the demo catalogue, accounts and 90 days of activity when the database is empty.</summary>
    public bool DemoData { get; set; } = true;
    /// <summary>Optional first administrator, created at start-up when no user has that e-mail.</summary>
    public AdminAccountOptions Admin { get; set; } = new();
}

public sealed class AdminAccountOptions
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
