using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Admin;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Reviews;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Domain.Wishlist;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KnowledgeHub.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>Registers the data folder, the EF Core store and every feature service of the domain.</summary>
    public static IServiceCollection AddKnowledgeHubDomain(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection(KnowledgeHubOptions.Section);
        services.Configure<KnowledgeHubOptions>(section);
        var paths = new DataPaths(section[nameof(KnowledgeHubOptions.DataDirectory)] ?? new KnowledgeHubOptions().DataDirectory, contentRoot);
        services.AddSingleton(paths);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();

        services.AddSingleton<CatalogChangeInterceptor>();
        services.AddDbContextFactory<KnowledgeHubDbContext>((sp, o) => o
            .UseSqlite(paths.SqliteConnectionString)
            .AddInterceptors(new SqlitePragmas(), sp.GetRequiredService<CatalogChangeInterceptor>()));

        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<CatalogQueries>();
        services.AddSingleton<ICatalogChangeListener>(sp => sp.GetRequiredService<CatalogQueries>());
        services.AddSingleton<KnowledgeHub.Domain.Catalog.Search.CatalogSearchService>();
        services.AddSingleton<ProfileService>();
        services.AddAuthoring();
        services.AddSingleton<AdminDashboardQueries>();
        services.AddSingleton<EventRecorder>();
        services.AddSingleton<PageEventService>();
        services.AddSingleton<ReviewService>();
        services.AddSingleton<ReviewQueries>();
        services.AddSingleton<WishlistService>();
        services.AddSingleton<EnrollmentService>();
        services.AddOrders(configuration);
        services.AddKnowledgeHubStorage(configuration, Path.Combine(paths.Uploads, "media"));
        return services;
    }
}
