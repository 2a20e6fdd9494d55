using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KnowledgeHub.E2E;

/// <summary>
/// The real app on a free loopback port (Kestrel, a temporary data folder with the demo data) and Debian's
/// Chromium driven by Playwright. One per test class.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("kh-e2e-").FullName;
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public string MailFolder => Path.Combine(dataDirectory, "mail");
    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The app's services, to check what a journey stored.</summary>
    public IServiceProvider Services => factory!.Services;

    public async Task InitializeAsync()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("KnowledgeHub:DataDirectory", dataDirectory);
            b.UseSetting("KnowledgeHub:DemoData", "true");
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            ChromiumSandbox = false,
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with the given language, and a page in it.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
