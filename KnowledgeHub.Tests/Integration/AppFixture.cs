using KnowledgeHub.Tests.Support;

namespace KnowledgeHub.Tests.Integration;

/// <summary>One seeded app shared by the read-only integration tests of a class.</summary>
public sealed class AppFixture : IDisposable
{
    private readonly TempFolder folder = new();

    public AppFixture() => Factory = new KnowledgeHubFactory(folder.Path);

    public KnowledgeHubFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        folder.Dispose();
    }
}
