using KnowledgeHub.Domain;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Tests.Support;

/// <summary>ASP.NET Core Identity with the domain's rules over a <see cref="TestDb"/>, without the web host.</summary>
public static class IdentityServices
{
    public static ServiceProvider Create(TestDb testDb, Action<KnowledgeHubOptions>? options = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IDbContextFactory<KnowledgeHubDbContext>>(testDb);
        services.AddScoped(_ => testDb.CreateDbContext());
        services.AddSingleton(TimeProvider.System);
        services.Configure<KnowledgeHubOptions>(o => { o.DemoData = false; options?.Invoke(o); });
        services.AddIdentityCore<ApplicationUser>(IdentityPolicy.Configure)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<KnowledgeHubDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddSingleton<KnowledgeHub.Domain.Data.DemoSeed.DemoSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        return services.BuildServiceProvider(validateScopes: true);
    }
}
