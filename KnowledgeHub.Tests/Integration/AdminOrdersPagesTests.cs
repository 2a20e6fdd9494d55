using System.Net;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The admins' orders, order and refund request pages over HTTP: who may open them, and what the server renders.</summary>
public sealed class AdminOrdersPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Paths() => ["/admin/orders", "/admin/orders?status=Paid&from=2026-01-01&to=2026-12-31&page=2", "/admin/refunds"];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Page_Anonymous_IsSentToLogIn(string path)
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path.Split('?')[0]), response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Page_Learner_IsForbidden(string path)
    {
        var response = await (await SignedInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword)).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("You don't have access to this page", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Page_Admin_Opens(string path)
    {
        var response = await (await SignedInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword)).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Orders_Admin_ServerRendersTheNewestDemoOrders()
    {
        var newest = await NewestOrderNumberAsync();

        var html = await (await SignedInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword)).GetStringAsync("/admin/orders");

        Assert.Contains("data-testid=\"orders-table\"", html);
        Assert.Contains($"href=\"/admin/orders/{newest}\"", html);
    }

    [Fact]
    public async Task Order_Admin_ServerRendersTheOrderAndItsHistory()
    {
        var newest = await NewestOrderNumberAsync();
        var client = await SignedInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var response = await client.GetAsync($"/admin/orders/{newest}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(newest, html);
        Assert.Contains("data-testid=\"order-history\"", html);
    }

    [Fact]
    public async Task Order_UnknownNumber_Is404()
    {
        var client = await SignedInAsync(DemoAccounts.AdminEmail, DemoAccounts.AdminPassword);

        var response = await client.GetAsync("/admin/orders/KH00000000-000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(email, password)).StatusCode);
        return client;
    }

    private async Task<string> NewestOrderNumberAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await db.Orders.OrderByDescending(o => o.CreatedUtc).ThenByDescending(o => o.Id).Select(o => o.Number).FirstAsync();
    }
}
