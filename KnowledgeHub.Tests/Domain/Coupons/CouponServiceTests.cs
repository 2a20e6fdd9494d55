using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Domain.Orders;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Coupons;

/// <summary>Who may make which coupon, the form's rules as field errors, unique codes, switching off, usage figures.</summary>
public sealed class CouponServiceTests : IAsyncLifetime
{
    private readonly TestDb store = new();
    private SmallCatalog catalog = default!;
    private CouponService coupons = default!;
    private int otherInstructorId, learnerId, ownCourse, otherCourse;

    public async Task InitializeAsync()
    {
        catalog = await new SmallCatalog(store).SeedAsync();
        coupons = new CouponService(store, catalog.Clock);
        otherInstructorId = await catalog.AddUserAsync("李老师", Roles.Instructor);
        learnerId = await catalog.AddUserAsync("小明");
        ownCourse = await catalog.AddCourseAsync(9900);
        otherCourse = await catalog.AddCourseAsync(19900, instructorId: otherInstructorId);
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    private static CouponDraft Draft(string code = "SPRING", params int[] courses) =>
        new(code, "春季促销", CouponKind.Percent, 20, Money.Zero(), Money.Zero(), null, null, null, null, courses);

    private static void Refused(Result result, Error expected)
    {
        Assert.False(result.IsSuccess, $"expected {expected.Code}");
        Assert.Equal(expected.Code, result.Error!.Code);
        Assert.Equal(expected.Message, result.Error.Message);
    }

    private async Task<Coupon> LoadAsync(int id)
    {
        await using var db = store.CreateDbContext();
        return await db.Coupons.AsNoTracking().Include(c => c.Courses).SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task CreateAsync_InstructorOwnCourses_CreatesCouponMarkedAsTheirs()
    {
        var created = await coupons.CreateAsync(catalog.InstructorId, Draft(" spring-2026 ", ownCourse));

        Assert.True(created.IsSuccess, created.Error?.Code);
        var coupon = await LoadAsync(created.Value);
        Assert.Equal("SPRING-2026", coupon.Code);
        Assert.Equal(catalog.InstructorId, coupon.InstructorId);
        Assert.Equal(catalog.InstructorId, coupon.CreatedById);
        Assert.True(coupon.IsActive);
        Assert.Equal([ownCourse], coupon.Courses.Select(c => c.CourseId));
    }

    [Fact]
    public async Task CreateAsync_InstructorSiteWide_RefusedAsCoursesRequired()
    {
        Refused(await coupons.CreateAsync(catalog.InstructorId, Draft()), CouponAdminErrors.CoursesRequired);
        Assert.Equal("courses", CouponAdminErrors.FieldOf(CouponAdminErrors.CoursesRequired));
    }

    [Fact]
    public async Task CreateAsync_InstructorWithAnotherInstructorsCourse_RefusedAsNotAllowed()
    {
        Refused(await coupons.CreateAsync(catalog.InstructorId, Draft("MIXED", ownCourse, otherCourse)), CouponAdminErrors.CourseNotAllowed);
        Refused(await coupons.CreateAsync(catalog.InstructorId, Draft("THEIRS", otherCourse)), CouponAdminErrors.CourseNotAllowed);
        Assert.Equal(0, await catalog.QueryAsync(db => db.Coupons.CountAsync()));
    }

    [Fact]
    public async Task CreateAsync_UnknownCourse_RefusedAsNotAllowed() =>
        Refused(await coupons.CreateAsync(catalog.AdminId, Draft("GHOST", 987654)), CouponAdminErrors.CourseNotAllowed);

    [Fact]
    public async Task CreateAsync_Learner_Forbidden() =>
        Refused(await coupons.CreateAsync(learnerId, Draft("MINE", ownCourse)), CouponAdminErrors.Forbidden);

    [Fact]
    public async Task CreateAsync_AdminSiteWide_CreatesSiteWideCoupon()
    {
        var created = await coupons.CreateAsync(catalog.AdminId, Draft("EVERYONE"));

        Assert.True(created.IsSuccess, created.Error?.Code);
        var coupon = await LoadAsync(created.Value);
        Assert.True(coupon.IsSiteWide);
        Assert.Null(coupon.InstructorId);
    }

    [Fact]
    public async Task CreateAsync_AdminAnyInstructorsCourses_Creates()
    {
        var created = await coupons.CreateAsync(catalog.AdminId, Draft("PICKED", ownCourse, otherCourse));

        Assert.True(created.IsSuccess, created.Error?.Code);
        Assert.Equal(2, (await LoadAsync(created.Value)).Courses.Count);
    }

    [Fact]
    public async Task CreateAsync_CodeTakenInAnotherCase_RefusedAsCodeTaken()
    {
        Assert.True((await coupons.CreateAsync(catalog.AdminId, Draft("WELCOME"))).IsSuccess);

        Refused(await coupons.CreateAsync(catalog.InstructorId, Draft("welcome", ownCourse)), CouponAdminErrors.CodeTaken);
    }

    [Fact]
    public async Task CreateAsync_InvalidFields_RefusedWithTheFieldsError()
    {
        var draft = Draft("OK-CODE", ownCourse);
        var cases = new (CouponDraft Draft, Error Error, string Field)[]
        {
            (draft with { Code = "X" }, CouponAdminErrors.CodeInvalid, "code"),
            (draft with { Code = "满减券" }, CouponAdminErrors.CodeInvalid, "code"),
            (draft with { Description = new string('说', Coupon.DescriptionMaxLength + 1) }, CouponAdminErrors.DescriptionInvalid, "description"),
            (draft with { PercentOff = 0 }, CouponAdminErrors.PercentInvalid, "percent"),
            (draft with { Kind = CouponKind.FixedAmount, AmountOff = Money.Zero() }, CouponAdminErrors.AmountInvalid, "amount"),
            (draft with { MinimumOrder = new Money(-1, Money.Cny) }, CouponAdminErrors.MinimumInvalid, "minimum"),
            (draft with { StartsUtc = SmallCatalog.Now.UtcDateTime, EndsUtc = SmallCatalog.Now.UtcDateTime.AddDays(-1) }, CouponAdminErrors.WindowInvalid, "window"),
            (draft with { MaxRedemptionsPerUser = 0 }, CouponAdminErrors.LimitsInvalid, "limits"),
            (draft with { Kind = CouponKind.FixedAmount, AmountOff = new Money(100, "USD") }, CouponAdminErrors.CurrencyInvalid, "currency"),
        };
        foreach (var (bad, error, field) in cases)
        {
            var result = await coupons.CreateAsync(catalog.InstructorId, bad);
            Refused(result, error);
            Assert.Equal(field, CouponAdminErrors.FieldOf(result.Error));
        }
        Assert.Equal(0, await catalog.QueryAsync(db => db.Coupons.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_OwnCoupon_ChangesItAndKeepsTheCodeUniqueButItsOwn()
    {
        var id = (await coupons.CreateAsync(catalog.InstructorId, Draft("OWN", ownCourse))).Value;

        var updated = await coupons.UpdateAsync(catalog.InstructorId, id, Draft("own", ownCourse) with { Kind = CouponKind.FixedAmount, AmountOff = Money.Yuan(30) });

        Assert.True(updated.IsSuccess, updated.Error?.Code);
        var coupon = await LoadAsync(id);
        Assert.Equal(CouponKind.FixedAmount, coupon.Kind);
        Assert.Equal(3000, coupon.AmountOff.MinorUnits);
        Assert.Equal(0, coupon.PercentOff);
    }

    [Fact]
    public async Task UpdateAsync_ToAnotherCouponsCode_RefusedAsCodeTaken()
    {
        await coupons.CreateAsync(catalog.AdminId, Draft("FIRST"));
        var id = (await coupons.CreateAsync(catalog.AdminId, Draft("SECOND"))).Value;

        Refused(await coupons.UpdateAsync(catalog.AdminId, id, Draft("first")), CouponAdminErrors.CodeTaken);
    }

    [Fact]
    public async Task UpdateAsync_AnotherInstructorsCoupon_NotFound()
    {
        var id = (await coupons.CreateAsync(otherInstructorId, Draft("LI-2026", otherCourse))).Value;

        Refused(await coupons.UpdateAsync(catalog.InstructorId, id, Draft("LI-2026", ownCourse)), CouponAdminErrors.NotFound);
        Refused(await coupons.SetActiveAsync(catalog.InstructorId, id, false), CouponAdminErrors.NotFound);
        Assert.True((await LoadAsync(id)).IsActive);
    }

    [Fact]
    public async Task UpdateAsync_AdminOnInstructorsCoupon_StillLimitedToThatInstructorsCourses()
    {
        var id = (await coupons.CreateAsync(catalog.InstructorId, Draft("WANG", ownCourse))).Value;

        Refused(await coupons.UpdateAsync(catalog.AdminId, id, Draft("WANG")), CouponAdminErrors.CoursesRequired);
        Refused(await coupons.UpdateAsync(catalog.AdminId, id, Draft("WANG", otherCourse)), CouponAdminErrors.CourseNotAllowed);
        Assert.True((await coupons.UpdateAsync(catalog.AdminId, id, Draft("WANG-2", ownCourse))).IsSuccess);
    }

    [Fact]
    public async Task SetActiveAsync_Off_CheckoutRefusesTheCode()
    {
        using var orders = new TestDb();
        var world = await OrdersWorld.CreateAsync(orders);
        var service = new CouponService(orders, world.Clock);
        var course = await world.AddCourseAsync(9900);
        var buyer = await world.AddLearnerAsync();
        var id = (await service.CreateAsync(world.AdminId, Draft("PAUSE"))).Value;

        Assert.True((await service.SetActiveAsync(world.AdminId, id, false)).IsSuccess);
        var quote = await world.Checkout.QuoteAsync(buyer, CheckoutItems.Course(course), "pause");

        Assert.True(quote.IsSuccess, quote.Error?.Code);
        Assert.Equal(CouponErrors.Inactive, quote.Value!.CouponError!.Code);
        Assert.True((await service.SetActiveAsync(world.AdminId, id, true)).IsSuccess);
        Assert.Null((await world.Checkout.QuoteAsync(buyer, CheckoutItems.Course(course), "pause")).Value!.CouponError);
    }

    [Fact]
    public async Task GetPageAsync_Instructor_SeesOnlyOwnCouponsAndCourses()
    {
        await coupons.CreateAsync(catalog.AdminId, Draft("SITE"));
        await coupons.CreateAsync(catalog.InstructorId, Draft("WANG", ownCourse));
        await coupons.CreateAsync(otherInstructorId, Draft("LI-2026", otherCourse));

        var page = (await coupons.GetPageAsync(catalog.InstructorId)).Value!;

        Assert.False(page.IsAdmin);
        Assert.Equal(["WANG"], page.Coupons.Select(c => c.Code));
        Assert.Equal([ownCourse], page.CourseOptions.Select(c => c.Id));
        Assert.Equal("课程 1", Assert.Single(page.Coupons[0].Courses).Title);
    }

    [Fact]
    public async Task GetPageAsync_Admin_SeesAllCouponsWithTheirInstructor()
    {
        await coupons.CreateAsync(catalog.AdminId, Draft("SITE"));
        await coupons.CreateAsync(otherInstructorId, Draft("LI-2026", otherCourse));

        var page = (await coupons.GetPageAsync(catalog.AdminId)).Value!;

        Assert.True(page.IsAdmin);
        Assert.Equal(["LI-2026", "SITE"], page.Coupons.Select(c => c.Code).Order());
        Assert.Equal("李老师", page.Coupons.Single(c => c.Code == "LI-2026").InstructorName);
        Assert.True(page.Coupons.Single(c => c.Code == "SITE").IsSiteWide);
    }

    [Fact]
    public async Task GetPageAsync_Learner_Forbidden() =>
        Refused(await coupons.GetPageAsync(learnerId), CouponAdminErrors.Forbidden);

    [Fact]
    public async Task GetPageAsync_AfterOrders_CountsHeldRedemptionsAndDistinctBuyers()
    {
        using var orders = new TestDb();
        var world = await OrdersWorld.CreateAsync(orders);
        var service = new CouponService(orders, world.Clock);
        var first = await world.AddCourseAsync(9900);
        var second = await world.AddCourseAsync(4900);
        var buyerA = await world.AddLearnerAsync("甲");
        var buyerB = await world.AddLearnerAsync("乙");
        Assert.True((await service.CreateAsync(world.AdminId, Draft("COUNT"))).IsSuccess);

        await world.PlaceAsync(buyerA, [first], "COUNT");
        await world.PlaceAsync(buyerA, [second], "COUNT");
        await world.PlaceAsync(buyerB, [first], "COUNT");

        var row = Assert.Single((await service.GetPageAsync(world.AdminId)).Value!.Coupons);
        Assert.Equal(3, row.Held);
        Assert.Equal(2, row.Buyers);
    }
}
