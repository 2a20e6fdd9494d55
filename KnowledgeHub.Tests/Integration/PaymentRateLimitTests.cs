using System.Net;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The app with tiny payment rate limits, to see the 429s.</summary>
public sealed class TightLimitsFactory(string dataDirectory) : KnowledgeHubFactory(dataDirectory)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("KnowledgeHub:RateLimits:CheckoutPerMinute", "2");
        builder.UseSetting("KnowledgeHub:RateLimits:WebhooksPerSecond", "1");
    }
}

public sealed class PaymentRateLimitTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly TightLimitsFactory factory;

    public PaymentRateLimitTests() => factory = new TightLimitsFactory(folder.Path);

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Webhook_Flood_429AfterTheBurst()
    {
        using var client = factory.CreateClient();
        var config = (Microsoft.Extensions.Configuration.IConfiguration)factory.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!;
        Assert.Equal("1", config["KnowledgeHub:RateLimits:WebhooksPerSecond"]);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            codes.Add((await client.PostAsync("/api/payments/webhooks/sandbox", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], codes.Take(2)); // unsigned: refused, but counted
        Assert.Contains(HttpStatusCode.TooManyRequests, codes.Skip(2));
    }

    [Fact]
    public async Task Checkout_ThirdPostInAMinute_429AndNoOrder()
    {
        using var client = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword)).StatusCode);
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            codes.Add((await client.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string> { ["Items"] = "c:999999", ["Provider"] = "sandbox", ["Key"] = "k" + i }))).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, codes[2]);
    }
}
