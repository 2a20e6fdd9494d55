using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Support;

/// <summary>The real app over a temporary data folder (real SQLite file, demo data seeded).</summary>
public class KnowledgeHubFactory(string dataDirectory, Action<IServiceCollection>? configureServices = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("KnowledgeHub:DataDirectory", DataDirectory);
        builder.UseSetting("KnowledgeHub:DemoData", "true");
        if (configureServices is not null) builder.ConfigureServices(configureServices);
    }

    public HttpClient CreateBrowserClient(string? acceptLanguage = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        return client;
    }
}

public static partial class HttpClientLogin
{
    /// <summary>Posts the Identity UI log-in form like a browser: fetches the page for its antiforgery token first.</summary>
    public static async Task<HttpResponseMessage> LogInAsync(this HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/Identity/Account/Login");
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/Identity/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "true",
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
