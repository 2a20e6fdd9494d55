using System.Net;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>Tests that need an app of their own: lockout, restarts, a broken database, a crashing page.</summary>
public sealed class AccountSecurityTests
{
    [Fact]
    public async Task LogIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        using var folder = new TempFolder();
        using var factory = new KnowledgeHubFactory(folder.Path);
        var client = factory.CreateBrowserClient("en-US");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await client.LogInAsync(DemoAccounts.LearnerEmail, "not the right password");
            // Attempts 1-4 show the form again; the 5th may already go to the lockout page. Never signed in.
            if (failed.StatusCode == HttpStatusCode.Redirect)
                Assert.Contains("/Identity/Account/Lockout", failed.Headers.Location!.OriginalString);
            else
                Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var right = await client.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/teach")).StatusCode); // still anonymous
    }

    [Fact]
    public async Task AuthCookie_HostRestartedOnTheSameDataFolder_StillSignsIn()
    {
        using var folder = new TempFolder();
        string cookie;
        using (var first = new KnowledgeHubFactory(folder.Path))
        {
            var client = first.CreateBrowserClient("en-US");
            var login = await client.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kh.auth=")).Split(';')[0];
        }
        SqliteConnection.ClearAllPools();

        using var second = new KnowledgeHubFactory(folder.Path);
        var fresh = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/teach");
        request.Headers.Add("Cookie", cookie);
        var response = await fresh.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Instructor dashboard", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_DatabaseGone_503()
    {
        using var folder = new TempFolder();
        using var factory = new KnowledgeHubFactory(folder.Path);
        var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(folder.Path, "knowledgehub.db*")) File.Delete(file);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Page_UnhandledException_FriendlyErrorWithCorrelationIdAndNoStackTrace()
    {
        using var folder = new TempFolder();
        using var factory = new KnowledgeHubFactory(folder.Path, services =>
            services.AddSingleton<KnowledgeHub.Domain.Catalog.CatalogQueries>(_ => throw new InvalidOperationException("boom in catalog")));
        var response = await factory.CreateBrowserClient("en-US").GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.Matches("data-testid=\"correlation-id\">[0-9a-f]{32}<", html);
        Assert.DoesNotContain("boom in catalog", html);
        Assert.DoesNotContain("at KnowledgeHub", html);
    }
}
