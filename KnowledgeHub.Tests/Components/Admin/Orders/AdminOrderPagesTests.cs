using Bunit;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Admin.Orders;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KnowledgeHub.Tests.Components.Admin.Orders;

/// <summary>
/// The admins' order pages over real order services and the sandbox provider: an order's history and refunds, the refund
/// dialog, the search and who may see them.
/// </summary>
public sealed class AdminOrderPagesTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private AdminOrdersWorld world = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
    private IRenderedComponent<MudPopoverProvider> popovers = default!;
    private int firstCourse, secondCourse;

    public new async Task InitializeAsync()
    {
        world = await AdminOrdersWorld.CreateAsync(testDb);
        firstCourse = await world.Catalog.AddCourseAsync(priceFen: 9900);
        secondCourse = await world.Catalog.AddCourseAsync(priceFen: 19900);
        Services.AddSingleton(world.Queries);
        Services.AddSingleton(world.Refunds);
        UseCulture("en-US");
    }

    /// <summary>Signs in (services are fixed once anything renders), then renders the providers MudBlazor's dialogs need.</summary>
    private void SignInAs(int userId, string role)
    {
        SignIn(userId, role);
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        popovers = Render<MudPopoverProvider>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        world?.Dispose();
        testDb.Dispose();
    }

    private static Task WaitAsync<T>(IRenderedComponent<T> cut, Action assertion) where T : IComponent =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    [Fact]
    public async Task OrderPage_PaidOrder_ShowsItsHistoryWithReasons()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var number = await world.OrderAsync(world.LearnerId, pay: true, firstCourse, secondCourse);

        var cut = Render<AdminOrderPage>(p => p.Add(x => x.Number, number));

        await WaitAsync(cut, () => cut.Find("[data-testid=order-history]"));
        Assert.Equal("Paid", cut.Find("[data-testid=order-status]").TextContent.Trim());
        var history = cut.Find("[data-testid=order-history]").TextContent;
        Assert.Contains("Awaiting payment", history);
        Assert.Contains("Awaiting payment → Paid", history);
        Assert.Contains("placed", history);
        Assert.Contains("System", history);
        Assert.Contains("小明", cut.Find("[data-testid=order-buyer]").TextContent);
        Assert.Contains("¥298.00", cut.Find("[data-testid=order-totals]").TextContent);
        Assert.Contains("Paid", cut.Find("[data-testid=order-events]").TextContent);   // the settled provider event
        Assert.Equal(2, cut.FindAll("[data-testid=order-lines] tbody tr").Count);
    }

    [Fact]
    public async Task RefundDialog_OneWholeLine_RefundsItAndTheOrderShowsIt()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var number = await world.OrderAsync(world.LearnerId, pay: true, firstCourse, secondCourse);
        var cut = Render<AdminOrderPage>(p => p.Add(x => x.Number, number));
        await WaitAsync(cut, () => cut.Find("[data-testid=refund]"));

        _ = cut.Find("[data-testid=refund]").ClickAsync(new());   // opens a dialog: completes only once it closes

        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=refund-lines]"));
        Assert.Contains("Up to ¥298.00 can go back to 小明.", dialogs.Markup);
        Assert.True(dialogs.Find("[data-testid=refund-ok]").HasAttribute("disabled"));
        dialogs.FindAll("[data-testid=refund-lines] input[type=checkbox]")[0].Change(true);   // 课程 1, ¥99.00
        await WaitAsync(dialogs, () => Assert.Contains("Access to these courses ends: 课程 1.", dialogs.Find("[data-testid=refund-summary]").TextContent));
        Assert.True(dialogs.Find("[data-testid=refund-ok]").HasAttribute("disabled"));   // a reason is required
        dialogs.Find("[data-testid=refund-reason]").Input("Bought by mistake");
        Assert.Contains("Refund ¥99.00", dialogs.Find("[data-testid=refund-ok]").TextContent);
        await dialogs.Find("[data-testid=refund-ok]").ClickAsync(new());

        await WaitAsync(cut, () => Assert.Equal("Partially refunded", cut.Find("[data-testid=order-status]").TextContent.Trim()));
        Assert.Contains("¥99.00", cut.Find("[data-testid=order-refunded]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=line-refunded]"));
        Assert.Equal("Refunded", cut.Find("[data-testid=refund-status]").TextContent.Trim());
        Assert.Contains("Bought by mistake", cut.Find("[data-testid=order-refunds]").TextContent);
        Assert.Contains("Paid → Partially refunded", cut.Find("[data-testid=order-history]").TextContent);
        await WaitAsync(snackbars, () => Assert.Contains("is done", snackbars.Markup));
        var order = await world.DetailAsync(number);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(9900, order.RefundedTotal.MinorUnits);
    }

    [Fact]
    public async Task RefundDialog_AmountAboveWhatIsLeft_SaysSoAndRefundsNothing()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var number = await world.OrderAsync(world.LearnerId, pay: true, firstCourse);
        var cut = Render<AdminOrderPage>(p => p.Add(x => x.Number, number));
        await WaitAsync(cut, () => cut.Find("[data-testid=refund]"));
        _ = cut.Find("[data-testid=refund]").ClickAsync(new());
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=refund-mode]"));

        await dialogs.FindAll("[data-testid=refund-mode] input[type=radio]")[1].ClickAsync(new());   // an amount
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=refund-amount]"));
        dialogs.Find("[data-testid=refund-amount]").Input("100");
        dialogs.Find("[data-testid=refund-reason]").Input("Goodwill");
        await WaitAsync(dialogs, () => Assert.Contains("At most ¥99.00 can be refunded.", dialogs.Markup));
        Assert.True(dialogs.Find("[data-testid=refund-ok]").HasAttribute("disabled"));

        dialogs.Find("[data-testid=refund-amount]").Input("12.345");
        await WaitAsync(dialogs, () => Assert.Contains("at most two decimals", dialogs.Markup));
        dialogs.Find("[data-testid=refund-amount]").Input("20.5");
        await WaitAsync(dialogs, () => Assert.Contains("Course access does not change.", dialogs.Find("[data-testid=refund-summary]").TextContent));
        await dialogs.Find("[data-testid=refund-ok]").ClickAsync(new());

        await WaitAsync(cut, () => Assert.Contains("¥20.50", cut.Find("[data-testid=order-refunded]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=line-refunded]"));   // an amount keeps the course
        Assert.Equal(2050, (await world.DetailAsync(number)).RefundedTotal.MinorUnits);
    }

    [Fact]
    public async Task OrderSearch_NotAnAdmin_ShowsTheForbiddenView()
    {
        SignInAs(world.LearnerId, Roles.Learner);
        await world.OrderAsync(world.LearnerId, pay: true, firstCourse);

        var cut = Render<OrderSearchPage>();

        await WaitAsync(cut, () => Assert.Contains("You don't have access to this page", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=orders-table]"));
        Assert.Empty(cut.FindAll("[data-testid=orders-filters]"));
    }

    [Fact]
    public async Task OrderPage_NotAnAdmin_ShowsTheForbiddenView()
    {
        SignInAs(world.LearnerId, Roles.Learner);
        var number = await world.OrderAsync(world.LearnerId, pay: true, firstCourse);

        var cut = Render<AdminOrderPage>(p => p.Add(x => x.Number, number));

        await WaitAsync(cut, () => Assert.Contains("You don't have access to this page", cut.Markup));
        Assert.DoesNotContain(number, cut.Markup);
    }

    [Fact]
    public async Task OrderSearch_ChoosingAStatus_ShowsOnlyThoseOrdersAndPutsItInTheUrl()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var paid = await world.OrderAsync(world.LearnerId, pay: true, firstCourse);
        var pending = await world.OrderAsync(world.LearnerId, pay: false, secondCourse);
        var cut = Render<OrderSearchPage>();
        await WaitAsync(cut, () => Assert.Equal(2, cut.FindAll("[data-testid=order-link]").Count));

        await cut.Find("[data-testid=filter-status]").Closest(".mud-input-control")!.MouseDownAsync(new());
        await WaitAsync(popovers, () => Assert.Contains("Awaiting payment", popovers.Markup));
        await popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Awaiting payment").ClickAsync(new());
        await cut.Find("[data-testid=orders-filters]").SubmitAsync(new EventArgs());

        await WaitAsync(cut, () => Assert.Equal([pending], cut.FindAll("[data-testid=order-link]").Select(a => a.TextContent.Trim())));
        Assert.Equal("Awaiting payment", cut.Find("[data-testid=order-status]").TextContent.Trim());
        Assert.DoesNotContain(paid, cut.Markup);
        Assert.EndsWith("/admin/orders?status=PendingPayment", Services.GetRequiredService<NavigationManager>().Uri);
    }

    private async Task<(string Order, string Refund)> RequestedRefundAsync()
    {
        var number = await world.OrderAsync(world.LearnerId, pay: true, firstCourse, secondCourse);
        var line = (await world.DetailAsync(number)).Lines[0].Id;
        var requested = await world.Refunds.RequestAsync(world.LearnerId, number, [line], "Not what I expected");
        Assert.True(requested.IsSuccess, requested.Error?.Code);
        return (number, requested.Value!.Number);
    }

    [Fact]
    public async Task RefundRequests_Declined_LeavesTheQueueWithTheReason()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var (number, refund) = await RequestedRefundAsync();
        var cut = Render<RefundRequestsPage>();
        await WaitAsync(cut, () => Assert.Contains("Not what I expected", cut.Find("[data-testid=refund-requests]").TextContent));
        Assert.Equal($"/admin/orders/{number}", cut.Find("[data-testid=refund-order-link]").GetAttribute("href"));

        _ = cut.Find("[data-testid=refund-decline]").ClickAsync(new());   // opens a dialog: completes only once it closes
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=note-text]"));
        Assert.True(dialogs.Find("[data-testid=note-ok]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=note-text]").Input("More than half of the course was watched.");
        await dialogs.Find("[data-testid=note-ok]").ClickAsync(new());

        await WaitAsync(cut, () => cut.Find("[data-testid=refund-requests-empty]"));
        var declined = (await world.DetailAsync(number)).Refunds.Single(r => r.Number == refund);
        Assert.Equal(RefundStatus.Declined, declined.Status);
        Assert.Equal("More than half of the course was watched.", declined.DecisionNote);
    }

    [Fact]
    public async Task OrderPage_RequestedRefundApproved_RefundsThatCourse()
    {
        SignInAs(world.AdminId, Roles.Admin);
        var (number, _) = await RequestedRefundAsync();
        var cut = Render<AdminOrderPage>(p => p.Add(x => x.Number, number));
        await WaitAsync(cut, () => Assert.Equal("Requested", cut.Find("[data-testid=refund-status]").TextContent.Trim()));
        Assert.Contains("Buyer", cut.Find("[data-testid=order-refunds]").TextContent);

        _ = cut.Find("[data-testid=refund-approve]").ClickAsync(new());   // a confirmation first
        await WaitAsync(dialogs, () => Assert.Contains("Refund ¥99.00 to 小明", dialogs.Markup));
        await dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Contains("Approve")).ClickAsync(new());

        await WaitAsync(cut, () => Assert.Equal("Refunded", cut.Find("[data-testid=refund-status]").TextContent.Trim()));
        Assert.Equal("Partially refunded", cut.Find("[data-testid=order-status]").TextContent.Trim());
        Assert.Single(cut.FindAll("[data-testid=line-refunded]"));
        Assert.Empty(cut.FindAll("[data-testid=refund-approve]"));
    }
}
