using Bunit;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Coupons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KnowledgeHub.Tests.Components.Coupons;

/// <summary>/teach/coupons: the empty state, the table, the active switch and the create dialog with its field errors.</summary>
public sealed class CouponsPageTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private SmallCatalog catalog = default!;
    private CouponService coupons = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;
    private int courseId;

    public new async Task InitializeAsync()
    {
        catalog = await new SmallCatalog(testDb).SeedAsync();
        courseId = await catalog.AddCourseAsync(9900);
        coupons = new CouponService(testDb, catalog.Clock);
        Services.AddSingleton(coupons);
        UseCulture("en-US");
    }

    /// <summary>Signs in (before anything renders: bunit's authorization must be set up first), then renders the providers and the page.</summary>
    private IRenderedComponent<CouponsPage> Open(int userId, string role)
    {
        SignIn(userId, role);
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
        return Render<CouponsPage>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
    }

    private static Task WaitAsync<T>(IRenderedComponent<T> cut, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    private static CouponDraft Draft(string code, params int[] courses) =>
        new(code, "双十一", CouponKind.Percent, 20, Money.Zero(), Money.Yuan(50), null, null, 100, 1, courses);

    [Fact]
    public async Task Page_InstructorWithoutCoupons_ShowsEmptyState()
    {
        var cut = Open(catalog.InstructorId, Roles.Instructor);

        await WaitAsync(cut, () => cut.Find("[data-testid=coupons-empty]"));
        Assert.Contains("No coupons yet", cut.Markup);
        Assert.Contains("New coupon", cut.Find("[data-testid=coupon-create]").TextContent);
    }

    [Fact]
    public async Task Page_WithCoupons_ShowsDiscountScopeLimitsAndUse()
    {
        Assert.True((await coupons.CreateAsync(catalog.InstructorId, Draft("DOUBLE11", courseId))).IsSuccess);
        var cut = Open(catalog.InstructorId, Roles.Instructor);

        await WaitAsync(cut, () => cut.Find("[data-testid=coupons-table]"));
        Assert.Equal("DOUBLE11", cut.Find("[data-testid=coupon-row-code]").TextContent);
        Assert.Contains("20% off", cut.Markup);
        Assert.Contains("Orders from ¥50.00", cut.Markup);
        Assert.Contains("课程 1", cut.Markup);
        Assert.Contains("100 in total · 1 per buyer", cut.Markup);
        Assert.Contains("0 orders · 0 buyers", cut.Find("[data-testid=coupon-row-used]").TextContent);
        Assert.NotNull(cut.Find("[aria-label='Edit coupon DOUBLE11']"));
    }

    [Fact]
    public async Task ActiveSwitch_Off_DeactivatesTheCoupon()
    {
        var id = (await coupons.CreateAsync(catalog.AdminId, Draft("SITEWIDE"))).Value;
        var cut = Open(catalog.AdminId, Roles.Admin);
        await WaitAsync(cut, () => cut.Find("[data-testid=coupons-table]"));
        Assert.Contains("Site-wide", cut.Markup);

        var toggle = cut.Find("[data-testid=coupon-active]");
        Assert.Equal("Coupon SITEWIDE active", toggle.GetAttribute("aria-label") ?? toggle.QuerySelector("input")!.GetAttribute("aria-label"));
        await (toggle.TagName == "INPUT" ? toggle : toggle.QuerySelector("input")!).ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = false });

        await WaitAsync(snackbars, () => Assert.Contains("Coupon SITEWIDE is off", snackbars.Markup));
        Assert.False(await catalog.QueryAsync(db => db.Coupons.Where(c => c.Id == id).Select(c => c.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task CreateDialog_InstructorWithoutCourses_ShowsTheErrorOnTheCourses()
    {
        var cut = Open(catalog.InstructorId, Roles.Instructor);
        await WaitAsync(cut, () => cut.Find("[data-testid=coupon-create]"));

        _ = cut.Find("[data-testid=coupon-create]").ClickAsync(new());
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=coupon-code]"));
        dialogs.Find("input[data-testid=coupon-code]").Input("spring");
        await dialogs.Find("#coupon-form").SubmitAsync();

        await WaitAsync(dialogs, () => Assert.Contains("Pick at least one of your courses.", dialogs.Markup));
        Assert.Equal(0, await catalog.QueryAsync(db => db.Coupons.CountAsync()));
    }

    [Fact]
    public async Task CreateDialog_TakenCodeThenNewCode_ShowsCodeErrorThenAddsTheRow()
    {
        await coupons.CreateAsync(catalog.AdminId, Draft("TAKEN"));
        var cut = Open(catalog.AdminId, Roles.Admin);
        await WaitAsync(cut, () => cut.Find("[data-testid=coupons-table]"));

        _ = cut.Find("[data-testid=coupon-create]").ClickAsync(new());
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=coupon-code]"));
        dialogs.Find("input[data-testid=coupon-code]").Input("taken");
        await dialogs.Find("#coupon-form").SubmitAsync();
        await WaitAsync(dialogs, () => Assert.Contains("This code is taken. Choose another one.", dialogs.Markup));

        dialogs.Find("input[data-testid=coupon-code]").Input("x");
        await dialogs.Find("#coupon-form").SubmitAsync();
        await WaitAsync(dialogs, () => Assert.Contains("Use 3–32 letters, digits, - or _.", dialogs.Markup));

        dialogs.Find("input[data-testid=coupon-code]").Input("welcome-2026");
        await dialogs.Find("#coupon-form").SubmitAsync();

        await WaitAsync(cut, () => Assert.Equal(2, cut.FindAll("[data-testid=coupon-row-code]").Count));
        Assert.Contains("Coupon WELCOME-2026 created.", snackbars.Markup);
        var created = await catalog.QueryAsync(db => db.Coupons.SingleAsync(c => c.Code == "WELCOME-2026"));
        Assert.True(created.IsSiteWide);
        Assert.Equal(10, created.PercentOff);
    }
}
