using System.Net;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The buying pages over HTTP: who may open them and what the server renders.</summary>
public sealed class CheckoutPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/checkout")]
    [InlineData("/cart")]
    [InlineData("/orders")]
    public async Task Page_Anonymous_IsSentToLogIn(string path)
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task OrderPage_AnotherUsersOrder_IsNotFound()
    {
        var learnerId = await UserIdAsync(DemoAccounts.LearnerEmail);
        await using var db = await DbAsync();
        var someoneElses = await db.Orders.Where(o => o.BuyerId != learnerId).Select(o => o.Number).FirstAsync();
        var client = await LearnerAsync();

        var response = await client.GetAsync("/orders/" + someoneElses);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Order " + someoneElses, html);
        Assert.DoesNotContain("data-testid=\"order-lines\"", html);
    }

    [Fact]
    public async Task OrderPage_OwnOrder_ShowsItsNumberAndStatus()
    {
        var learnerId = await UserIdAsync(DemoAccounts.LearnerEmail);
        await using var db = await DbAsync();
        var own = await db.Orders.Where(o => o.BuyerId == learnerId && o.Status == OrderStatus.Paid).Select(o => o.Number).FirstAsync();

        var html = await (await LearnerAsync()).GetStringAsync("/orders/" + own);

        Assert.Contains("Order " + own, html);
        Assert.Contains("data-testid=\"order-status\"", html);
        Assert.Contains("Paid", html);
    }

    [Fact]
    public async Task Checkout_CourseWithAnInvalidCoupon_ListsTheLineAndTheCouponsReason()
    {
        var (courseId, title, price) = await BuyableCourseAsync();

        var html = await (await LearnerAsync()).GetStringAsync($"/checkout?course={courseId}&coupon=NO-SUCH-CODE");

        Assert.Contains(HtmlText.Encode(title), html);
        Assert.Contains(HtmlText.Encode(price.Format(new System.Globalization.CultureInfo("en-US"))), html);
        Assert.Contains("data-testid=\"coupon-error\"", html);
        Assert.Contains("This coupon code does not exist.", html);
        Assert.Contains("name=\"Items\" value=\"c:" + courseId + "\"", html);
        Assert.Contains("name=\"__RequestVerificationToken\"", html);
        Assert.DoesNotContain("name=\"Coupon\"", html);   // an invalid code is not sent with the order
    }

    [Fact]
    public async Task Checkout_FailedPostCode_ShowsItsMessage()
    {
        var (courseId, _, _) = await BuyableCourseAsync();

        var html = await (await LearnerAsync()).GetStringAsync($"/checkout?course={courseId}&error=checkout.gateway_down");

        Assert.Contains("The payment provider could not be reached.", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Cashier_OpenPayment_RendersTheOrderAndTheAmountToAnyone()
    {
        var learnerId = await UserIdAsync(DemoAccounts.LearnerEmail);
        var (courseId, _, price) = await BuyableCourseAsync();
        var checkout = app.Factory.Services.GetRequiredService<CheckoutService>();
        var placed = await checkout.PlaceOrderAsync(learnerId, new CheckoutRequest(CheckoutItems.Course(courseId), null, SandboxGateway.Name,
            Guid.NewGuid().ToString()), "http://localhost/");
        Assert.True(placed.IsSuccess, placed.Error?.Code);
        var cashier = new Uri(placed.Value!.Session!.Url).AbsolutePath;

        var response = await app.Factory.CreateBrowserClient("en-US").GetAsync(cashier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(price.Format(new System.Globalization.CultureInfo("en-US")), html);
        Assert.Contains(placed.Value.Number, html);
        Assert.Contains("value=\"4242 4242 4242 4242\"", html);
    }

    [Fact]
    public async Task Cashier_UnknownPayment_IsNotFound()
    {
        var response = await app.Factory.CreateBrowserClient("en-US").GetAsync("/sandbox/cashier/sbx_does_not_exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<HttpClient> LearnerAsync()
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword)).StatusCode);
        return client;
    }

    /// <summary>A published paid course the demo learner neither owns nor teaches.</summary>
    private async Task<(int Id, string Title, KnowledgeHub.Domain.Common.Money Price)> BuyableCourseAsync()
    {
        var learnerId = await UserIdAsync(DemoAccounts.LearnerEmail);
        await using var db = await DbAsync();
        var course = await db.Courses.Where(c => c.Status == CourseStatus.Published && c.Price.MinorUnits > 0 && c.InstructorId != learnerId
                && !db.Enrollments.Any(e => e.LearnerId == learnerId && e.CourseId == c.Id))
            .OrderBy(c => c.Id).Select(c => new { c.Id, c.Title, c.Price }).FirstAsync();
        return (course.Id, course.Title, course.Price);
    }

    private async Task<KnowledgeHubDbContext> DbAsync() =>
        await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();

    private async Task<int> UserIdAsync(string email)
    {
        await using var db = await DbAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
