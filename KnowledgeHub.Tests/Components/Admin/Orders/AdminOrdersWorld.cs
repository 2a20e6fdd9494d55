using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Components.Admin.Orders;

/// <summary>
/// <see cref="SmallCatalog"/> (an admin, an instructor) with a learner and the real order services over the sandbox
/// provider, wired the way the app wires them; orders are placed by checkout and paid through the sandbox cashier and a
/// settled notification, as a buyer's would be.
/// </summary>
public sealed class AdminOrdersWorld : IDisposable
{
    private readonly ServiceProvider services;
    private readonly TempFolder folder = new();

    private AdminOrdersWorld(SmallCatalog catalog)
    {
        Catalog = catalog;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PaymentOptions.Section + ":Sandbox:WebhookSecret"] = "test-secret",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDbContextFactory<KnowledgeHubDbContext>>(_ => new ForwardingFactory(catalog.Db))
            .AddSingleton<TimeProvider>(catalog.Clock)
            .AddSingleton(new DataPaths(folder.Path, folder.Path))
            .AddOrders(configuration)
            .BuildServiceProvider();
    }

    public SmallCatalog Catalog { get; }
    public int AdminId => Catalog.AdminId;
    public int LearnerId { get; private set; }
    public OrderQueries Queries => services.GetRequiredService<OrderQueries>();
    public RefundService Refunds => services.GetRequiredService<RefundService>();

    public static async Task<AdminOrdersWorld> CreateAsync(IDbContextFactory<KnowledgeHubDbContext> db)
    {
        var world = new AdminOrdersWorld(await new SmallCatalog(db).SeedAsync());
        world.LearnerId = await world.Catalog.AddUserAsync("小明");
        return world;
    }

    /// <summary>Places an order for the courses and, unless asked not to, pays it in full through the sandbox.</summary>
    public async Task<string> OrderAsync(int buyerId, bool pay, params int[] courseIds)
    {
        var checkout = services.GetRequiredService<CheckoutService>();
        var placed = await checkout.PlaceOrderAsync(buyerId, new CheckoutRequest(new CheckoutItems(courseIds, []), null, SandboxGateway.Name, Guid.NewGuid().ToString("N")),
            "http://localhost/");
        Assert.True(placed.IsSuccess, placed.Error?.Code);
        var order = placed.Value!;
        if (!pay) return order.Number;
        var paymentId = order.Session!.ProviderSessionId!;
        Assert.True((await services.GetRequiredService<SandboxCashier>().PayAsync(paymentId, SandboxCards.Success)).IsSuccess);
        var total = (await Queries.GetForAdminAsync(AdminId, order.Number))!.Total;
        var outcome = await services.GetRequiredService<PaymentSettlement>().ApplyAsync(new PaymentNotification(SandboxGateway.Name,
            "sbe_test_" + Guid.NewGuid().ToString("N"), order.Number, PaymentEventKind.Paid, total, paymentId, null, Catalog.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(SettlementOutcome.Applied, outcome);
        return order.Number;
    }

    public async Task<OrderDetail> DetailAsync(string number) => (await Queries.GetForAdminAsync(AdminId, number))!;

    public void Dispose()
    {
        services.Dispose();
        folder.Dispose();
    }

    /// <summary>The test's database, without letting the container dispose it.</summary>
    private sealed class ForwardingFactory(IDbContextFactory<KnowledgeHubDbContext> inner) : IDbContextFactory<KnowledgeHubDbContext>
    {
        public KnowledgeHubDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
