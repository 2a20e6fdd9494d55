using Bunit;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Domain.Orders;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Orders;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KnowledgeHub.Tests.Components.Orders;

public sealed class OrderPageTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private OrdersWorld world = default!;

    public new async Task InitializeAsync()
    {
        world = await OrdersWorld.CreateAsync(testDb);
        Services.AddSingleton(world.Queries);
        Services.AddSingleton(world.Checkout);
        Services.AddSingleton(world.Refunds);
        Services.AddSingleton(world.Gateways);
        Services.AddSingleton(world.Signals);
        UseCulture("en-US");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
    }

    private static Task WaitAsync(IRenderedComponent<OrderPage> cut, Action assertion) =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    private IRenderedComponent<OrderPage> RenderOrder(string number) => Render<OrderPage>(p => p.Add(c => c.Number, number));

    private async Task<(int Learner, int Course, string Number, string PaymentId)> PendingOrderAsync()
    {
        var learner = await world.AddLearnerAsync();
        var course = await world.AddCourseAsync(9900);
        var (number, paymentId) = await world.PlaceAsync(learner, [course]);
        return (learner, course, number, paymentId);
    }

    [Fact]
    public async Task Render_PaidOrder_ShowsPaidStatusLinesAndALinkToTheCourse()
    {
        var (learner, course, number, paymentId) = await PendingOrderAsync();
        await world.Settlement.ApplyAsync(world.Paid(number, paymentId, 9900));
        SignIn(learner);

        var cut = RenderOrder(number);

        await WaitAsync(cut, () => Assert.Equal("Paid", cut.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.Contains("Payment received", cut.Find("[data-testid=order-paid]").TextContent);
        Assert.Equal($"/courses/{(await world.Catalog.CourseAsync(course)).Slug}", cut.Find("a[data-testid=order-course-link]").GetAttribute("href"));
        Assert.Contains("¥99.00", cut.Find("[data-testid=order-line]").TextContent);
        Assert.Contains("Sandbox", cut.Find("[data-testid=order-method]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=order-pay-form]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=order-history] .mud-timeline-item"));
    }

    [Fact]
    public async Task Render_PendingAfterADecline_ShowsTheReasonAndAPayFormThatPostsToThePayEndpoint()
    {
        var (learner, _, number, paymentId) = await PendingOrderAsync();
        await world.Settlement.ApplyAsync(new PaymentNotification(SandboxGateway.Name, "evt-failed-1", number, PaymentEventKind.Failed,
            new Money(9900, Money.Cny), paymentId, null, world.Now, "card declined by the issuing bank"));
        SignIn(learner);

        var cut = RenderOrder(number);

        await WaitAsync(cut, () => Assert.Equal("Awaiting payment", cut.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.Equal("Last attempt declined: card declined by the issuing bank. The order is still open — you can try again.",
            cut.Find("[data-testid=order-last-error]").TextContent.Trim());
        var form = cut.Find("form[data-testid=order-pay-form]");
        Assert.Equal($"/orders/{number}/pay", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("sandbox", form.QuerySelector("input[name=provider]")!.GetAttribute("value"));
        Assert.Contains("Pay now ¥99.00", cut.Find("[data-testid=order-pay-now]").TextContent);
    }

    [Fact]
    public async Task Signal_PaymentSettlesWhileOpen_PageTurnsPaidWithoutReload()
    {
        var (learner, _, number, paymentId) = await PendingOrderAsync();
        SignIn(learner);
        var cut = RenderOrder(number);
        await WaitAsync(cut, () => Assert.Equal("Awaiting payment", cut.Find("[data-testid=order-status]").TextContent.Trim()));

        await world.Settlement.ApplyAsync(world.Paid(number, paymentId, 9900));

        await WaitAsync(cut, () => Assert.Equal("Paid", cut.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=order-paid]"));
    }

    [Fact]
    public async Task Cancel_Confirmed_ClosesTheOrderAndHidesThePayForm()
    {
        var (learner, _, number, _) = await PendingOrderAsync();
        SignIn(learner);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderOrder(number);
        await WaitAsync(cut, () => Assert.False(cut.Find("button[data-testid=order-cancel]").HasAttribute("disabled")));

        cut.Find("button[data-testid=order-cancel]").Click();
        await dialogs.WaitForAssertionAsync(() => Assert.Contains("Cancel this order?", dialogs.Markup), TimeSpan.FromSeconds(5));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel order").Click();

        await WaitAsync(cut, () => Assert.Equal("Cancelled", cut.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=order-pay-form]"));
        Assert.Contains("Nothing was charged", cut.Find("[data-testid=order-closed]").TextContent);
    }

    [Fact]
    public async Task RequestRefund_EligibleLineAndReason_ShowsTheRequestedRefund()
    {
        var (learner, _, number, paymentId) = await PendingOrderAsync();
        await world.Settlement.ApplyAsync(world.Paid(number, paymentId, 9900));
        SignIn(learner);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderOrder(number);
        await WaitAsync(cut, () => Assert.False(cut.Find("button[data-testid=order-request-refund]").HasAttribute("disabled")));

        cut.Find("button[data-testid=order-request-refund]").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find("[data-testid=refund-line][data-eligible=true]"), TimeSpan.FromSeconds(5));
        dialogs.Find("textarea").Input("Not what I expected");
        dialogs.Find("button[data-testid=refund-submit]").Click();

        await WaitAsync(cut, () => Assert.Contains("Requested", cut.Find("[data-testid=order-refund]").TextContent));
        Assert.Contains("¥99.00", cut.Find("[data-testid=order-refund]").TextContent);
        Assert.Contains("Not what I expected", cut.Find("[data-testid=order-refund]").TextContent);
    }
}
