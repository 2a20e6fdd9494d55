using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace KnowledgeHub.Domain.Data;

/// <summary>Lets `dotnet ef` build the model without starting the web host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<KnowledgeHubDbContext>
{
    public KnowledgeHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KnowledgeHubDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
