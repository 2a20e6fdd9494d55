using Bunit;
using KnowledgeHub.Tests.Domain.Orders;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Components.Orders;

public sealed class CartPageTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private OrdersWorld world = default!;

    public new async Task InitializeAsync()
    {
        world = await OrdersWorld.CreateAsync(testDb);
        Services.AddSingleton(world.Cart);
        UseCulture("en-US");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
    }

    /// <summary>The first queries of a test run compile EF models and queries: allow more than bunit's default second.</summary>
    private static Task WaitAsync(IRenderedComponent<CartPage> cut, Action assertion) =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    [Fact]
    public async Task Render_EmptyCart_ShowsEmptyStateWithALinkToTheCatalogue()
    {
        SignIn(await world.AddLearnerAsync());

        var cut = Render<CartPage>();

        await WaitAsync(cut, () => Assert.Contains("Your cart is empty", cut.Find("[data-testid=cart-empty]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=cart-empty] a[href='/courses']"));
        Assert.Empty(cut.FindAll("[data-testid=cart-checkout]"));
    }

    [Fact]
    public async Task Render_TwoCourses_ListsTitlesPricesAndTheTotalWithACheckoutLink()
    {
        var learner = await world.AddLearnerAsync();
        var a = await world.AddCourseAsync(4900);
        var b = await world.AddCourseAsync(9900);
        Assert.True((await world.Cart.AddCourseAsync(learner, a)).IsSuccess);
        Assert.True((await world.Cart.AddCourseAsync(learner, b)).IsSuccess);
        SignIn(learner);

        var cut = Render<CartPage>();

        await WaitAsync(cut, () => Assert.Equal(2, cut.FindAll("[data-testid=cart-line]").Count));
        var lines = cut.FindAll("[data-testid=cart-line]");
        Assert.Contains("¥49.00", lines[0].TextContent);
        Assert.Contains("¥99.00", lines[1].TextContent);
        Assert.StartsWith("/courses/course-", lines[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("¥148.00", cut.Find("[data-testid=cart-summary]").TextContent);
        Assert.Equal("/checkout", cut.Find("a[data-testid=cart-checkout]").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_CourseOwnedSinceAdding_ShowsWhyAndLeavesItOutOfTheTotal()
    {
        var learner = await world.AddLearnerAsync();
        var owned = await world.AddCourseAsync(4900);
        var other = await world.AddCourseAsync(9900);
        await world.Cart.AddCourseAsync(learner, owned);
        await world.Cart.AddCourseAsync(learner, other);
        await world.Catalog.EnrollAsync(learner, owned);
        SignIn(learner);

        var cut = Render<CartPage>();

        await WaitAsync(cut, () => Assert.Single(cut.FindAll("[data-testid=cart-line-problem]")));
        Assert.Contains("You already own this course. It is left out of the total.", cut.Find("[data-testid=cart-line-problem]").TextContent);
        var summary = cut.Find("[data-testid=cart-summary]").TextContent;
        Assert.Contains("Total (1 items)", summary);
        Assert.Contains("¥99.00", summary);
        Assert.DoesNotContain("¥148.00", summary);
    }

    [Fact]
    public async Task Remove_OneOfTwoLines_RemovesItFromThePageAndTheTotal()
    {
        var learner = await world.AddLearnerAsync();
        await world.Cart.AddCourseAsync(learner, await world.AddCourseAsync(4900));
        await world.Cart.AddCourseAsync(learner, await world.AddCourseAsync(9900));
        SignIn(learner);
        var cut = Render<CartPage>();
        await WaitAsync(cut, () => Assert.Equal(2, cut.FindAll("[data-testid=cart-line]").Count));

        cut.FindAll("button[data-testid=cart-remove]")[0].Click();

        await WaitAsync(cut, () => Assert.Single(cut.FindAll("[data-testid=cart-line]")));
        Assert.Contains("¥99.00", cut.Find("[data-testid=cart-summary]").TextContent);
        Assert.Equal(1, await world.Cart.CountAsync(learner));
    }
}
