using System.Net;
using System.Net.Http.Json;
using System.Text;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The app on a real loopback port: the sandbox's notifier calls the app's webhook over real HTTP, as a gateway would.</summary>
public sealed class PaymentsAppFixture : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly KnowledgeHubFactory factory;

    public PaymentsAppFixture()
    {
        factory = new KnowledgeHubFactory(folder.Path);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        Address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri Address { get; }
    public IServiceProvider Services => factory.Services;

    public async Task<HttpClient> LearnerClientAsync()
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword)).StatusCode);
        return client;
    }

    public async Task<T> QueryAsync<T>(Func<KnowledgeHubDbContext, Task<T>> query)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
    }
}

public sealed class PaymentsOverHttpTests(PaymentsAppFixture app) : IClassFixture<PaymentsAppFixture>
{
    private async Task<int> UnownedPaidCourseAsync(int skip = 0) => await app.QueryAsync(db =>
    {
        var learner = db.Users.Single(u => u.Email == DemoAccounts.LearnerEmail).Id;
        return db.Courses.Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0 && c.InstructorId != learner
                && !db.Enrollments.Any(e => e.LearnerId == learner && e.CourseId == c.Id)
                && !db.Orders.Any(o => o.BuyerId == learner && o.Lines.Any(l => l.CourseId == c.Id) && o.Status == OrderStatus.PendingPayment))
            .OrderBy(c => c.Id).Skip(skip).Select(c => c.Id).FirstAsync();
    });

    private static async Task<string> TokenAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<TokenAnswer>("/api/antiforgery-token"))!.Token;

    private sealed record TokenAnswer(string Token, string Header);

    private async Task<(string Number, string CashierUrl)> CheckoutAsync(HttpClient client, int courseId, string key)
    {
        var response = await client.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Items"] = $"c:{courseId}", ["Provider"] = "sandbox", ["Key"] = key, ["__RequestVerificationToken"] = await TokenAsync(client),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cashier = response.Headers.Location!.ToString();
        var number = await app.QueryAsync(db => db.Orders.Where(o => o.IdempotencyKey == key).Select(o => o.Number).SingleAsync());
        return (number, cashier);
    }

    private async Task<OrderStatus> WaitForStatusAsync(string number, Func<OrderStatus, bool> done)
    {
        for (var i = 0; i < 200; i++)
        {
            var status = await app.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync());
            if (done(status)) return status;
            await Task.Delay(50);
        }
        return await app.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync());
    }

    [Fact]
    public async Task Checkout_CashierPay_WebhookOverHttpPaysAndEnrols()
    {
        using var client = await app.LearnerClientAsync();
        var course = await UnownedPaidCourseAsync();
        var (number, cashier) = await CheckoutAsync(client, course, Guid.NewGuid().ToString());
        Assert.StartsWith(app.Address + "sandbox/cashier/sbx_", cashier);

        // The cashier's Pay button (an anonymous form post with the cashier page's antiforgery token).
        var pay = await client.PostAsync(cashier, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "pay", ["card"] = SandboxCards.Success, ["__RequestVerificationToken"] = await TokenAsync(client),
        }));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.Equal(app.Address + "orders/" + number, pay.Headers.Location!.ToString());

        Assert.Equal(OrderStatus.Paid, await WaitForStatusAsync(number, s => s != OrderStatus.PendingPayment));
        Assert.True(await app.QueryAsync(db => db.Enrollments.AnyAsync(e => e.CourseId == course && db.Users.Any(u => u.Id == e.LearnerId && u.Email == DemoAccounts.LearnerEmail))));
        // The notifier records the delivery once the webhook answered 2xx.
        SandboxNotification delivered;
        for (var i = 0; ; i++)
        {
            delivered = await app.QueryAsync(db => db.SandboxNotifications.Where(n => n.Body.Contains(number)).SingleAsync());
            if (delivered.DeliveredUtc is not null || i == 100) break;
            await Task.Delay(50);
        }
        Assert.NotNull(delivered.DeliveredUtc);
        Assert.Equal(1, await app.QueryAsync(db => db.PaymentEvents.CountAsync(e => e.OrderNumber == number)));

        // The same notification again, freshly signed (a gateway retry): 200 and nothing changes.
        var replay = await PostWebhookAsync(client, delivered.Body, sign: true);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.PaymentEvents.CountAsync(e => e.OrderNumber == number)));
        Assert.Equal(1, await app.QueryAsync(db => db.Enrollments.CountAsync(e => e.CourseId == course && e.OrderId != null && db.Orders.Any(o => o.Id == e.OrderId && o.Number == number))));
    }

    [Fact]
    public async Task Checkout_DoubleSubmitWithOneKey_OneOrder()
    {
        using var client = await app.LearnerClientAsync();
        var course = await UnownedPaidCourseAsync(skip: 1);
        var key = Guid.NewGuid().ToString();

        var first = await CheckoutAsync(client, course, key);
        var second = await CheckoutAsync(client, course, key);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Checkout_Anonymous_NotAllowedAndNoOrder()
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.Address };
        var before = await app.QueryAsync(db => db.Orders.CountAsync());
        var response = await client.PostAsync("/checkout", new FormUrlEncodedContent(new Dictionary<string, string> { ["Items"] = "c:1", ["Provider"] = "sandbox", ["Key"] = "k" }));
        Assert.DoesNotContain("cashier", response.Headers.Location?.ToString() ?? "");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await app.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task Webhook_ForgedTamperedUnsigned_400AndNothingChanges()
    {
        using var client = await app.LearnerClientAsync();
        var course = await UnownedPaidCourseAsync(skip: 2);
        var (number, cashier) = await CheckoutAsync(client, course, Guid.NewGuid().ToString());
        var paymentId = cashier[(cashier.LastIndexOf('/') + 1)..];
        var body = "{\"id\":\"sbe_forged_" + number + "\",\"type\":\"payment.succeeded\",\"created\":" + DateTimeOffset.UtcNow.ToUnixTimeSeconds()
            + ",\"data\":{\"payment_id\":\"" + paymentId + "\",\"order_number\":\"" + number + "\",\"amount\":1,\"currency\":\"CNY\"}}";

        var forged = await PostWebhookAsync(client, body, signature: new SandboxSignature("not-the-secret").Sign(Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow));
        var unsigned = await PostWebhookAsync(client, body, sign: false);
        var signedOther = app.Services.GetRequiredService<SandboxSignature>().Sign(Encoding.UTF8.GetBytes(body.Replace("\"amount\":1", "\"amount\":2")), DateTimeOffset.UtcNow);
        var tampered = await PostWebhookAsync(client, body, signature: signedOther);
        var stale = await PostWebhookAsync(client, body, signature: app.Services.GetRequiredService<SandboxSignature>().Sign(Encoding.UTF8.GetBytes(body), DateTimeOffset.UtcNow.AddMinutes(-6)));

        Assert.All(new[] { forged, unsigned, tampered, stale }, r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal(0, await app.QueryAsync(db => db.PaymentEvents.CountAsync(e => e.OrderNumber == number)));
        Assert.Equal(OrderStatus.PendingPayment, await app.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync()));

        // Correctly signed but the wrong amount: accepted as a fact, and the order goes to review instead of being paid.
        var wrongAmount = await PostWebhookAsync(client, body, sign: true);
        Assert.Equal(HttpStatusCode.OK, wrongAmount.StatusCode);
        Assert.Equal(OrderStatus.NeedsReview, await app.QueryAsync(db => db.Orders.Where(o => o.Number == number).Select(o => o.Status).SingleAsync()));
        Assert.False(await app.QueryAsync(db => db.Enrollments.AnyAsync(e => e.CourseId == course && db.Orders.Any(o => o.Id == e.OrderId && o.Number == number))));
    }

    [Fact]
    public async Task Webhook_TooLargeUnknownOrDisabledProvider_RefusedWithoutWork()
    {
        using var client = new HttpClient { BaseAddress = app.Address };
        var big = await client.PostAsync("/api/payments/webhooks/sandbox", new ByteArrayContent(new byte[70 * 1024]));
        var unknown = await client.PostAsync("/api/payments/webhooks/paypal", new StringContent("{}"));
        var disabled = await client.PostAsync("/api/payments/webhooks/stripe", new StringContent("{}"));

        Assert.True(big.StatusCode == HttpStatusCode.RequestEntityTooLarge, big.StatusCode + " " + await big.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disabled.StatusCode);
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string body, bool sign = true, string? signature = null)
    {
        var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/sandbox") { Content = content };
        var bytes = Encoding.UTF8.GetBytes(body);
        if (signature is not null) request.Headers.TryAddWithoutValidation(SandboxSignature.Header, signature);
        else if (sign) request.Headers.TryAddWithoutValidation(SandboxSignature.Header, app.Services.GetRequiredService<SandboxSignature>().Sign(bytes, DateTimeOffset.UtcNow));
        return await client.SendAsync(request);
    }
}
