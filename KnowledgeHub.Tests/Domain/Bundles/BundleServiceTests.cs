using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Bundles;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Domain.Orders;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Bundles;

/// <summary>Who may bundle which courses, slugs, publishing, the public queries, and how the checkout prices a bundle.</summary>
public sealed class BundleServiceTests : IAsyncLifetime
{
    private readonly TestDb store = new();
    private readonly RecordingListener listener = new();
    private SmallCatalog catalog = default!;
    private BundleService bundles = default!;
    private BundleQueries queries = default!;
    private int otherInstructorId, learnerId, a, b, c, draftCourse, othersCourse;

    public async Task InitializeAsync()
    {
        catalog = await new SmallCatalog(store).SeedAsync();
        bundles = new BundleService(store, catalog.Clock, [listener]);
        queries = new BundleQueries(store);
        otherInstructorId = await catalog.AddUserAsync("李老师", Roles.Instructor);
        learnerId = await catalog.AddUserAsync("小明");
        a = await catalog.AddCourseAsync(10000);
        b = await catalog.AddCourseAsync(5000);
        c = await catalog.AddCourseAsync(5000);
        draftCourse = await catalog.AddCourseAsync(3000, published: false);
        othersCourse = await catalog.AddCourseAsync(8000, instructorId: otherInstructorId);
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    private static BundleDraft Draft(string title = "Python 全栈 Bundle", long priceFen = 12000, params int[] courses) =>
        new(title, "三门课一起学", new Money(priceFen, Money.Cny), courses);

    private static void Refused(Result result, Error expected)
    {
        Assert.False(result.IsSuccess, $"expected {expected.Code}");
        Assert.Equal(expected.Code, result.Error!.Code);
    }

    private async Task<Bundle> LoadAsync(int id)
    {
        await using var db = store.CreateDbContext();
        return await db.Bundles.AsNoTracking().Include(x => x.Courses).SingleAsync(x => x.Id == id);
    }

    [Fact]
    public async Task CreateAsync_InstructorOwnPublishedCourses_CreatesUnpublishedBundleWithSlugFromTitle()
    {
        var created = await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b, c]));

        Assert.True(created.IsSuccess, created.Error?.Code);
        Assert.Equal("python-bundle", created.Value!.Slug);
        var bundle = await LoadAsync(created.Value.Id);
        Assert.False(bundle.IsPublished);
        Assert.Equal(catalog.InstructorId, bundle.OwnerId);
        Assert.Equal([a, b, c], bundle.Courses.OrderBy(x => x.Position).Select(x => x.CourseId));
        Assert.Equal(0, listener.Calls); // nothing public changed
    }

    [Fact]
    public async Task CreateAsync_SameTitleTwice_GetsUniqueSlugs()
    {
        var first = await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]));
        var second = await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [b, c]));
        var third = await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, c]));

        Assert.Equal(["python-bundle", "python-bundle-2", "python-bundle-3"], new[] { first, second, third }.Select(r => r.Value!.Slug));
    }

    [Fact]
    public async Task CreateAsync_TitleWithoutAsciiWords_GetsRandomBundleSlug()
    {
        var created = await bundles.CreateAsync(catalog.InstructorId, Draft("数据分析全家桶", courses: [a, b]));

        Assert.Matches("^bundle-[a-z0-9]{8}$", created.Value!.Slug);
    }

    [Fact]
    public async Task CreateAsync_AnotherInstructorsCourse_RefusedAsNotAllowed() =>
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, othersCourse])), BundleErrors.CourseNotAllowed);

    [Fact]
    public async Task CreateAsync_UnpublishedCourse_RefusedAsNotAllowed() =>
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, draftCourse])), BundleErrors.CourseNotAllowed);

    [Fact]
    public async Task CreateAsync_AdminAnyPublishedCourses_Creates()
    {
        var created = await bundles.CreateAsync(catalog.AdminId, Draft("Best of", courses: [a, othersCourse]));

        Assert.True(created.IsSuccess, created.Error?.Code);
        Refused(await bundles.CreateAsync(catalog.AdminId, Draft("Drafts", courses: [a, draftCourse])), BundleErrors.CourseNotAllowed);
    }

    [Fact]
    public async Task CreateAsync_Learner_Forbidden() =>
        Refused(await bundles.CreateAsync(learnerId, Draft(courses: [a, b])), BundleErrors.Forbidden);

    [Fact]
    public async Task CreateAsync_InvalidForm_RefusedWithItsError()
    {
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft("  ", courses: [a, b])), BundleErrors.TitleRequired);
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(new string('课', Bundle.TitleMaxLength + 1), courses: [a, b])), BundleErrors.TitleTooLong);
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(priceFen: 0, courses: [a, b])), BundleErrors.PriceInvalid);
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a])), BundleErrors.CourseCount);
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, a])), BundleErrors.CourseCount);
        Refused(await bundles.CreateAsync(catalog.InstructorId, Draft() with { Description = new string('x', Bundle.DescriptionMaxLength + 1), CourseIds = [a, b] }),
            BundleErrors.DescriptionTooLong);
        Assert.Equal(0, await catalog.QueryAsync(db => db.Bundles.CountAsync()));
    }

    [Fact]
    public async Task UpdateAsync_Owner_ChangesEverythingButTheSlug()
    {
        var created = (await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]))).Value!;

        var updated = await bundles.UpdateAsync(catalog.InstructorId, created.Id, Draft("Renamed", 9900, c, a));

        Assert.True(updated.IsSuccess, updated.Error?.Code);
        var bundle = await LoadAsync(created.Id);
        Assert.Equal(("Renamed", 9900L, "python-bundle"), (bundle.Title, bundle.Price.MinorUnits, bundle.Slug));
        Assert.Equal([c, a], bundle.Courses.OrderBy(x => x.Position).Select(x => x.CourseId));
    }

    [Fact]
    public async Task UpdateAsync_AnotherInstructor_NotFound()
    {
        var created = (await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]))).Value!;

        Refused(await bundles.UpdateAsync(otherInstructorId, created.Id, Draft(courses: [othersCourse, a])), BundleErrors.NotFound);
        Refused(await bundles.SetPublishedAsync(otherInstructorId, created.Id, true), BundleErrors.NotFound);
        Assert.False((await LoadAsync(created.Id)).IsPublished);
    }

    [Fact]
    public async Task UpdateAsync_AdminOnInstructorsBundle_StillOnlyThatInstructorsCourses()
    {
        var created = (await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]))).Value!;

        Refused(await bundles.UpdateAsync(catalog.AdminId, created.Id, Draft(courses: [a, othersCourse])), BundleErrors.CourseNotAllowed);
        Assert.True((await bundles.UpdateAsync(catalog.AdminId, created.Id, Draft(courses: [a, b, c]))).IsSuccess);
    }

    [Fact]
    public async Task SetPublishedAsync_Publish_ShowsOnPublicQueriesAndTellsListeners()
    {
        var created = (await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b, c]))).Value!;
        Assert.Null(await queries.GetPublishedAsync(created.Slug));
        Assert.Empty(await queries.GetForCourseAsync(b));

        Assert.True((await bundles.SetPublishedAsync(catalog.InstructorId, created.Id, true)).IsSuccess);

        var page = await queries.GetPublishedAsync(created.Slug);
        Assert.NotNull(page);
        Assert.Equal([a, b, c], page.Courses.Select(x => x.Id));
        Assert.Equal(20000, page.ListTotal.MinorUnits);
        Assert.Equal(8000, page.Saving.MinorUnits);
        var offer = Assert.Single(await queries.GetForCourseAsync(b));
        Assert.Equal((created.Id, 3, 20000L, 8000L), (offer.Id, offer.CourseCount, offer.ListTotal.MinorUnits, offer.Saving.MinorUnits));
        Assert.Empty(await queries.GetForCourseAsync(othersCourse));
        Assert.Equal(1, listener.Calls);

        Assert.True((await bundles.SetPublishedAsync(catalog.InstructorId, created.Id, false)).IsSuccess);
        Assert.Null(await queries.GetPublishedAsync(created.Slug));
        Assert.Equal(2, listener.Calls);
    }

    [Fact]
    public async Task GetPublishedAsync_ACourseLeftTheCatalogue_BundleIsNotPublicAndCannotBeRepublished()
    {
        var created = (await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]))).Value!;
        await bundles.SetPublishedAsync(catalog.InstructorId, created.Id, true);
        await using (var db = store.CreateDbContext())
        {
            var course = await db.Courses.SingleAsync(x => x.Id == b);
            course.Unlist(catalog.InstructorId, SmallCatalog.Now.UtcDateTime);
            await db.SaveChangesAsync();
        }

        Assert.Null(await queries.GetPublishedAsync(created.Slug));
        Assert.Empty(await queries.GetForCourseAsync(a));
        await bundles.SetPublishedAsync(catalog.InstructorId, created.Id, false);
        Refused(await bundles.SetPublishedAsync(catalog.InstructorId, created.Id, true), BundleErrors.CourseNotAllowed);
    }

    [Fact]
    public async Task GetPageAsync_InstructorSeesOwnBundlesAndPublishedCourses_AdminSeesAll()
    {
        await bundles.CreateAsync(catalog.InstructorId, Draft(courses: [a, b]));
        await bundles.CreateAsync(catalog.AdminId, Draft("Admin pick", 15000, a, othersCourse));

        var mine = (await bundles.GetPageAsync(catalog.InstructorId)).Value!;
        var all = (await bundles.GetPageAsync(catalog.AdminId)).Value!;

        Assert.Equal(["Python 全栈 Bundle"], mine.Bundles.Select(x => x.Title));
        Assert.Equal([a, b, c], mine.CourseOptions.Select(x => x.Id).Order());
        Assert.Equal(2, all.Bundles.Count);
        Assert.Equal(3000, mine.Bundles[0].Saving.MinorUnits); // ¥150 one by one, ¥120 together
        Refused(await bundles.GetPageAsync(learnerId), BundleErrors.Forbidden);
    }

    [Fact]
    public async Task QuoteAsync_BundleWithAnOwnedCourse_PricesTheRestProportionally()
    {
        using var orders = new TestDb();
        var world = await OrdersWorld.CreateAsync(orders);
        var service = new BundleService(orders, world.Clock, []);
        var x = await world.AddCourseAsync(10000);
        var y = await world.AddCourseAsync(5000);
        var z = await world.AddCourseAsync(5000);
        var bundle = (await service.CreateAsync(world.InstructorId, Draft(priceFen: 12000, courses: [x, y, z]))).Value!;
        Assert.True((await service.SetPublishedAsync(world.InstructorId, bundle.Id, true)).IsSuccess);
        var buyer = await world.AddLearnerAsync();
        await world.Catalog.EnrollAsync(buyer, y);

        var quote = await world.Checkout.QuoteAsync(buyer, CheckoutItems.Bundle(bundle.Id), null);

        Assert.True(quote.IsSuccess, quote.Error?.Code);
        var lines = quote.Value!.Priced.Lines;
        // ¥120 × (¥150 of ¥200 not owned) = ¥90, split ¥60 / ¥30 by list price.
        Assert.Equal([(x, 6000L), (z, 3000L)], lines.Select(l => (l.CourseId, l.ListPrice.MinorUnits)));
        Assert.All(lines, l => Assert.Equal(bundle.Id, l.BundleId));
        Assert.Equal(9000, quote.Value.Priced.Total.MinorUnits);

        var fresh = await world.AddLearnerAsync("新人");
        Assert.Equal(12000, (await world.Checkout.QuoteAsync(fresh, CheckoutItems.Bundle(bundle.Id), null)).Value!.Priced.Total.MinorUnits);
    }

    [Fact]
    public async Task QuoteAsync_BundleAllOwned_Refused()
    {
        using var orders = new TestDb();
        var world = await OrdersWorld.CreateAsync(orders);
        var service = new BundleService(orders, world.Clock, []);
        var x = await world.AddCourseAsync(10000);
        var y = await world.AddCourseAsync(5000);
        var bundle = (await service.CreateAsync(world.InstructorId, Draft(courses: [x, y]))).Value!;
        await service.SetPublishedAsync(world.InstructorId, bundle.Id, true);
        var buyer = await world.AddLearnerAsync();
        await world.Catalog.EnrollAsync(buyer, x);
        await world.Catalog.EnrollAsync(buyer, y);

        var quote = await world.Checkout.QuoteAsync(buyer, CheckoutItems.Bundle(bundle.Id), null);

        Refused(quote, new Error(CheckoutErrors.BundleAllOwned, ""));
    }

    [Fact]
    public async Task QuoteAsync_UnpublishedBundle_RefusedAsUnavailable()
    {
        using var orders = new TestDb();
        var world = await OrdersWorld.CreateAsync(orders);
        var service = new BundleService(orders, world.Clock, []);
        var bundle = (await service.CreateAsync(world.InstructorId, Draft(courses: [await world.AddCourseAsync(), await world.AddCourseAsync()]))).Value!;

        Refused(await world.Checkout.QuoteAsync(await world.AddLearnerAsync(), CheckoutItems.Bundle(bundle.Id), null), new Error(CheckoutErrors.BundleUnavailable, ""));
    }

    private sealed class RecordingListener : ICatalogChangeListener
    {
        public int Calls;
        public Task CatalogChangedAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return Task.CompletedTask;
        }
    }
}
