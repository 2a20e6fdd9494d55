using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Domain.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Tests.Domain.Orders;

/// <summary>
/// <see cref="SmallCatalog"/> plus the real order services wired to the real sandbox provider (its notifier is not running:
/// tests deliver the queued notifications themselves).
/// </summary>
public sealed class OrdersWorld
{
    public const string Secret = "whsec_test_secret";
    public const string BaseUrl = "http://shop.test/";

    private OrdersWorld(SmallCatalog catalog, PaymentOptions? options)
    {
        Catalog = catalog;
        var opts = Options.Create(options ?? new PaymentOptions());
        Signals = new OrderSignals();
        Signature = new SandboxSignature(Secret);
        Notifier = new SandboxNotifier(catalog.Db, new NoHttp(), Signature, catalog.Clock, NullLogger<SandboxNotifier>.Instance);
        Sandbox = new SandboxGateway(catalog.Db, Signature, Notifier, catalog.Clock);
        Cashier = new SandboxCashier(catalog.Db, Notifier, catalog.Clock);
        Gateways = new PaymentGateways([Sandbox]);
        Settlement = new PaymentSettlement(catalog.Db, catalog.Clock, Signals, NullLogger<PaymentSettlement>.Instance);
        Checkout = new CheckoutService(catalog.Db, Gateways, Settlement, opts, catalog.Clock, NullLogger<CheckoutService>.Instance);
        Cart = new CartService(catalog.Db, catalog.Clock);
        Refunds = new RefundService(catalog.Db, Gateways, Signals, opts, catalog.Clock, NullLogger<RefundService>.Instance);
        Queries = new OrderQueries(catalog.Db);
        Jobs = new PaymentJobs(catalog.Db, Gateways, Settlement, Refunds, Signals, catalog.Clock, NullLogger<PaymentJobs>.Instance);
    }

    public SmallCatalog Catalog { get; }
    public IDbContextFactory<KnowledgeHubDbContext> Db => Catalog.Db;
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => Catalog.Clock;
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;
    public OrderSignals Signals { get; }
    public SandboxSignature Signature { get; }
    public SandboxNotifier Notifier { get; }
    public SandboxGateway Sandbox { get; }
    public SandboxCashier Cashier { get; }
    public PaymentGateways Gateways { get; }
    public PaymentSettlement Settlement { get; }
    public CheckoutService Checkout { get; }
    public CartService Cart { get; }
    public RefundService Refunds { get; }
    public OrderQueries Queries { get; }
    public PaymentJobs Jobs { get; }
    public int AdminId => Catalog.AdminId;
    public int InstructorId => Catalog.InstructorId;

    public static async Task<OrdersWorld> CreateAsync(IDbContextFactory<KnowledgeHubDbContext> db, PaymentOptions? options = null) =>
        new(await new SmallCatalog(db).SeedAsync(), options);

    public Task<int> AddLearnerAsync(string name = "小明") => Catalog.AddUserAsync(name);
    public Task<int> AddCourseAsync(long priceFen = 9900, bool published = true) => Catalog.AddCourseAsync(priceFen, published);

    /// <summary>Places an order for the courses with the sandbox and returns its number and sandbox payment id.</summary>
    public async Task<(string Number, string PaymentId)> PlaceAsync(int buyerId, IReadOnlyList<int> courseIds, string? coupon = null, string? key = null)
    {
        var placed = await Checkout.PlaceOrderAsync(buyerId, new CheckoutRequest(new CheckoutItems(courseIds, []), coupon, SandboxGateway.Name,
            key ?? Guid.NewGuid().ToString()), BaseUrl);
        Assert.True(placed.IsSuccess, placed.Error?.Code);
        return (placed.Value!.Number, placed.Value.Session?.ProviderSessionId ?? "");
    }

    public PaymentNotification Paid(string number, string paymentId, long amountFen, string? eventId = null, DateTime? at = null) =>
        new(SandboxGateway.Name, eventId ?? "evt-paid-" + number, number, PaymentEventKind.Paid, new Money(amountFen, Money.Cny), paymentId, null, at ?? Now);

    public async Task<Order> OrderAsync(string number)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Refunds).Include(o => o.History).AsSplitQuery().SingleAsync(o => o.Number == number);
    }

    public async Task<int> ActiveEnrollmentsAsync(int learnerId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Enrollments.CountAsync(e => e.LearnerId == learnerId);
    }

    public async Task<int> EnrollmentCountAsync(int courseId) => (await Catalog.CourseAsync(courseId)).EnrollmentCount;

    public async Task<Coupon> AddCouponAsync(CouponDraft draft)
    {
        await using var db = await Db.CreateDbContextAsync();
        var coupon = Coupon.Create(draft, AdminId, null, Now);
        db.Coupons.Add(coupon);
        await db.SaveChangesAsync();
        return coupon;
    }

    public static CouponDraft PercentOff(string code, int percent, params int[] courses) =>
        new(code, "", CouponKind.Percent, percent, Money.Zero(), Money.Zero(), null, null, null, null, courses);

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("Domain tests deliver notifications themselves.");
    }
}
