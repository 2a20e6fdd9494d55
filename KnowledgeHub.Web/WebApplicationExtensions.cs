using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Web.Components;
using KnowledgeHub.Web.Endpoints;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace KnowledgeHub.Web;

public static class WebApplicationExtensions
{
    /// <summary>Migrations, roles, demo data, the configured admin; then the demo accounts on the console.</summary>
    public static async Task InitializeKnowledgeHubAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var paths = app.Services.GetRequiredService<DataPaths>();
        var demo = app.Configuration.GetValue("KnowledgeHub:DemoData", true);
        var lines = new List<string> { $"KnowledgeHub data folder: {paths.Root}" };
        if (demo)
        {
            lines.Add("Demo accounts (e-mail / password):");
            lines.AddRange(DemoAccounts.Listed.Select(a => $"  {a.Role,-10} {a.Email} / {a.Password}"));
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var line in lines) Console.WriteLine(line);
            // Load the search snapshot and the did-you-mean vocabulary now rather than during the first visitor's search.
            var search = app.Services.GetRequiredService<KnowledgeHub.Domain.Catalog.Search.CatalogSearchService>();
            _ = Task.Run(async () =>
            {
                try { await search.WarmUpAsync(app.Lifetime.ApplicationStopping); }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { } // shut down first
            });
        });
    }

    public static WebApplication UseKnowledgeHubPipeline(this WebApplication app)
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (app.Configuration["urls"]?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}", createScopeForStatusCodePages: true);

        app.UseAuthentication();
        app.UseRequestLocalization(CultureSetup.CreateOptions()); // after authentication: the profile's language wins
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache(); // after authentication and localization: it never serves signed-in users and varies by language
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { AllowCachingResponses = false });
        app.MapCultureEndpoints();
        app.MapAvatarEndpoints();
        app.MapDiscoveryEndpoints();
        app.MapEventEndpoints();
        app.MapAntiforgeryEndpoints();
        app.MapMediaEndpoints();
        app.MapPaymentEndpoints();
        app.MapRazorPages();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
