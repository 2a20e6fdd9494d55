using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Orders;

public sealed class CheckoutServiceTests : IDisposable
{
    private readonly TestDb store = new();

    public void Dispose() => store.Dispose();

    private static CheckoutRequest Request(int[] courses, string? coupon = null, string? key = null, string provider = SandboxGateway.Name) =>
        new(new CheckoutItems(courses, []), coupon, provider, key ?? Guid.NewGuid().ToString());

    [Fact]
    public async Task PlaceOrderAsync_TwoCourses_PendingOrderWithSnapshotsAndCashierUrl()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(4990), await w.AddCourseAsync(2990));
        var learner = await w.AddLearnerAsync();

        var placed = await w.Checkout.PlaceOrderAsync(learner, Request([a, b]), OrdersWorld.BaseUrl);

        Assert.True(placed.IsSuccess);
        Assert.StartsWith("http://shop.test/sandbox/cashier/sbx_", placed.Value!.Session!.Url);
        var order = await w.OrderAsync(placed.Value.Number);
        Assert.Matches(@"^KH\d{8}-\d{6}$", order.Number);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal(new Money(7980, Money.Cny), order.Total);
        Assert.Equal(w.Now.AddMinutes(30), order.ExpiresUtc);
        Assert.Equal(placed.Value.Session.ProviderSessionId, order.ProviderSessionId);
        Assert.Equal(["课程 1", "课程 2"], order.Lines.OrderBy(l => l.CourseId).Select(l => l.CourseTitle));
    }

    [Fact]
    public async Task PlaceOrderAsync_FiftyConcurrentRequestsWithOneKey_OneOrder()
    {
        using var file = new FileTestDb();
        var w = await OrdersWorld.CreateAsync(file);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var request = Request([course], key: "double-click");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => w.Checkout.PlaceOrderAsync(learner, request, OrdersWorld.BaseUrl))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Code));
        Assert.Single(results.Select(r => r.Value!.Number).Distinct());
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task PlaceOrderAsync_TwoTabsSameCart_ShareOnePendingOrder()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(4990), await w.AddCourseAsync(2990));
        var learner = await w.AddLearnerAsync();

        var first = await w.Checkout.PlaceOrderAsync(learner, Request([a, b], key: "tab-1"), OrdersWorld.BaseUrl);
        var second = await w.Checkout.PlaceOrderAsync(learner, Request([b, a], key: "tab-2"), OrdersWorld.BaseUrl);

        Assert.Equal(first.Value!.Number, second.Value!.Number);
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task PlaceOrderAsync_AfterTheFirstExpired_NewOrder()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var first = await w.Checkout.PlaceOrderAsync(learner, Request([course]), OrdersWorld.BaseUrl);
        w.Clock.Advance(TimeSpan.FromMinutes(31));

        var second = await w.Checkout.PlaceOrderAsync(learner, Request([course]), OrdersWorld.BaseUrl);

        Assert.NotEqual(first.Value!.Number, second.Value!.Number);
        Assert.Equal(OrderStatus.Expired, (await w.OrderAsync(first.Value.Number)).Status);
    }

    [Theory]
    [InlineData("owned", CheckoutErrors.AlreadyOwned)]
    [InlineData("free", CheckoutErrors.FreeCourse)]
    [InlineData("own", CheckoutErrors.OwnCourse)]
    [InlineData("draft", CheckoutErrors.CourseUnavailable)]
    [InlineData("provider", CheckoutErrors.ProviderUnavailable)]
    public async Task PlaceOrderAsync_CannotBuy_ReasonAndNoOrder(string case_, string code)
    {
        var w = await OrdersWorld.CreateAsync(store);
        var learner = case_ == "own" ? w.InstructorId : await w.AddLearnerAsync();
        var course = case_ switch
        {
            "free" => await w.AddCourseAsync(0),
            "draft" => await w.AddCourseAsync(4990, published: false),
            _ => await w.AddCourseAsync(4990),
        };
        if (case_ == "owned") await w.Catalog.EnrollAsync(learner, course);

        var result = await w.Checkout.PlaceOrderAsync(learner, Request([course], provider: case_ == "provider" ? "paypal" : SandboxGateway.Name), OrdersWorld.BaseUrl);

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(0, await w.Catalog.QueryAsync(db => db.Orders.CountAsync()));
    }

    [Fact]
    public async Task QuoteAsync_Coupon_DiscountLineAndTotals()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(4990), await w.AddCourseAsync(2990));
        var learner = await w.AddLearnerAsync();
        await w.AddCouponAsync(OrdersWorld.PercentOff("SAVE15", 15));

        var quote = (await w.Checkout.QuoteAsync(learner, new CheckoutItems([a, b], []), " save15 ")).Value!;

        Assert.Null(quote.CouponError);
        Assert.Equal("SAVE15", quote.CouponCode);
        Assert.Equal(1197, quote.Priced.Discount.MinorUnits); // 15% of 79.80 = 11.97
        Assert.Equal(6783, quote.Priced.Total.MinorUnits);
        Assert.Equal(quote.Priced.Total.MinorUnits, quote.Priced.Lines.Sum(l => l.Net.MinorUnits));
    }

    [Fact]
    public async Task QuoteAsync_ExpiredCoupon_TotalsWithoutDiscountAndTheReason()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        await w.AddCouponAsync(OrdersWorld.PercentOff("OLD", 50) with { EndsUtc = w.Now.AddDays(-1) });

        var quote = (await w.Checkout.QuoteAsync(learner, CheckoutItems.Course(course), "OLD")).Value!;

        Assert.Equal(CouponErrors.Expired, quote.CouponError?.Code);
        Assert.Equal(4990, quote.Priced.Total.MinorUnits);
    }

    [Fact]
    public async Task PlaceOrderAsync_CouponWithOneUseLeft_SecondBuyerRefusedUntilTheFirstCancels()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var (first, second) = (await w.AddLearnerAsync("甲"), await w.AddLearnerAsync("乙"));
        await w.AddCouponAsync(OrdersWorld.PercentOff("ONCE", 20) with { MaxRedemptions = 1 });

        var placed = await w.Checkout.PlaceOrderAsync(first, Request([course], "ONCE"), OrdersWorld.BaseUrl);
        Assert.Equal(3992, (await w.OrderAsync(placed.Value!.Number)).Total.MinorUnits);
        Assert.Equal(CouponErrors.UsedUp, (await w.Checkout.PlaceOrderAsync(second, Request([course], "ONCE"), OrdersWorld.BaseUrl)).Error?.Code);

        Assert.True((await w.Checkout.CancelAsync(first, placed.Value.Number)).IsSuccess);
        Assert.True((await w.Checkout.PlaceOrderAsync(second, Request([course], "ONCE"), OrdersWorld.BaseUrl)).IsSuccess);
    }

    [Fact]
    public async Task PlaceOrderAsync_HundredPercentCoupon_PaidAndEnrolledWithoutACashier()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        await w.AddCouponAsync(OrdersWorld.PercentOff("GIFT", 100));

        var placed = await w.Checkout.PlaceOrderAsync(learner, Request([course], "GIFT"), OrdersWorld.BaseUrl);

        Assert.Equal(OrderStatus.Paid, placed.Value!.Status);
        Assert.Null(placed.Value.Session);
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(CheckoutService.FreeProvider, (await w.OrderAsync(placed.Value.Number)).PaymentMethod);
    }

    [Fact]
    public async Task CancelAsync_OthersOrder_NotFoundAndUnchanged()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var (owner, other) = (await w.AddLearnerAsync("甲"), await w.AddLearnerAsync("乙"));
        var (number, _) = await w.PlaceAsync(owner, [course]);

        Assert.Equal(CheckoutErrors.NotFound, (await w.Checkout.CancelAsync(other, number)).Error?.Code);
        Assert.Equal(OrderStatus.PendingPayment, (await w.OrderAsync(number)).Status);
    }

    [Fact]
    public async Task StartPaymentAsync_AfterDecline_SameOpenSandboxPayment()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        Assert.False((await w.Cashier.PayAsync(payment, SandboxCards.Declined)).IsSuccess);

        var again = await w.Checkout.StartPaymentAsync(learner, number, SandboxGateway.Name, OrdersWorld.BaseUrl);

        Assert.Equal(payment, again.Value!.Session!.ProviderSessionId);
    }

    [Fact]
    public async Task StartPaymentAsync_TwentyConcurrentClicks_OneSandboxPaymentToPay()
    {
        using var file = new FileTestDb();
        var w = await OrdersWorld.CreateAsync(file);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, _) = await w.PlaceAsync(learner, [course]);

        var sessions = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            w.Checkout.StartPaymentAsync(learner, number, SandboxGateway.Name, OrdersWorld.BaseUrl))));

        Assert.Single(sessions.Select(s => s.Value!.Session!.ProviderSessionId).Distinct());
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.SandboxPayments.CountAsync(p => p.Status == SandboxPaymentStatus.Open)));
    }
}
