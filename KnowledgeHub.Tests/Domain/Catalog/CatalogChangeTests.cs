using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>Saves that change what the public catalogue shows tell the listeners (the web app's page cache); others do not.</summary>
public sealed class CatalogChangeTests : IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private readonly CountingListener listener = new();
    private IDbContextFactory<KnowledgeHubDbContext> factory = null!;
    private SmallCatalog world = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection().AddSingleton<ICatalogChangeListener>(listener).BuildServiceProvider();
        factory = new Factory(testDb, new CatalogChangeInterceptor(services, NullLogger<CatalogChangeInterceptor>.Instance));
        world = await new SmallCatalog(factory).SeedAsync();
    }

    public Task DisposeAsync()
    {
        testDb.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SaveChanges_CourseRenamedOrReviewed_TellsTheListenerOncePerSave()
    {
        var courseId = await world.AddCourseAsync();
        var learner = await world.AddLearnerInAsync(courseId);
        listener.Calls = 0;

        await world.Reviews.SubmitAsync(learner, courseId, 4, "讲得清楚，例子很实用");
        Assert.Equal(1, listener.Calls);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var course = await db.Courses.SingleAsync(c => c.Id == courseId);
            course.SetRatingSummary(4.5, 2);
            await db.SaveChangesAsync();
        }
        Assert.Equal(2, listener.Calls);
    }

    [Fact]
    public async Task SaveChanges_EnrolmentAndItsCounterOrSignInBookkeeping_DoesNotTellTheListener()
    {
        var courseId = await world.AddCourseAsync(priceFen: 0);
        var learner = await world.AddUserAsync("新同学");
        listener.Calls = 0;

        await world.Enrollment.EnrollFreeAsync(learner, courseId, CancellationToken.None);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Id == learner);
            user.AccessFailedCount = 2;                      // what a failed sign-in writes
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, listener.Calls);
    }

    [Fact]
    public async Task SaveChanges_DraftEditedThenPublished_TellsTheListenerOnlyWhenItGoesPublic()
    {
        var authoring = new KnowledgeHub.Domain.Authoring.CourseAuthoringService(factory, world.Clock);
        listener.Calls = 0;
        var created = (await authoring.CreateCourseAsync(world.InstructorId, "Draft course", world.CategoryId)).Value!;
        var section = (await authoring.AddSectionAsync(world.InstructorId, created.CourseId, created.Version, "第一章")).Value!;
        var lesson = (await authoring.AddLessonAsync(world.InstructorId, created.CourseId, section.Version, section.CreatedId!.Value, "第一课", LessonKind.Article)).Value!;
        Assert.Equal(0, listener.Calls);                     // a draft's autosaves leave the public page cache alone

        await using (var db = await factory.CreateDbContextAsync())
        {
            var course = await db.Courses.Include(c => c.Sections).ThenInclude(s => s.Lessons).SingleAsync(c => c.Id == created.CourseId);
            course.Publish(SmallCatalog.Now.UtcDateTime);
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, listener.Calls);
        Assert.True(lesson.Version > created.Version);
    }

    [Fact]
    public async Task SaveChanges_InstructorRenamed_TellsTheListener()
    {
        listener.Calls = 0;
        await using var db = await factory.CreateDbContextAsync();
        var instructor = await db.Users.SingleAsync(u => u.Id == world.InstructorId);
        instructor.DisplayName = "王教授";
        await db.SaveChangesAsync();

        Assert.Equal(1, listener.Calls);
    }

    [Fact]
    public async Task SaveChanges_InsideATransaction_TellsTheListenerOnCommitOnly()
    {
        var first = await world.AddCourseAsync();
        var second = await world.AddCourseAsync();
        listener.Calls = 0;
        await using var db = await factory.CreateDbContextAsync();

        await using (var rolledBack = await db.Database.BeginTransactionAsync())
        {
            (await db.Courses.SingleAsync(c => c.Id == first)).SetRatingSummary(3.5, 1);
            await db.SaveChangesAsync();
            await rolledBack.RollbackAsync();
        }
        Assert.Equal(0, listener.Calls);

        db.ChangeTracker.Clear();
        await using var committed = await db.Database.BeginTransactionAsync();
        (await db.Courses.SingleAsync(c => c.Id == second)).SetRatingSummary(3.5, 1);
        await db.SaveChangesAsync();
        Assert.Equal(0, listener.Calls);                    // not durable yet: a cache refilled now would hold the old page
        await committed.CommitAsync();
        Assert.Equal(1, listener.Calls);
    }

    [Fact]
    public async Task SaveChanges_FailedSave_DoesNotTellTheListener()
    {
        listener.Calls = 0;
        await using var db = await factory.CreateDbContextAsync();
        db.Categories.Add(new Category("programming", "重复", "Duplicate slug", 9));   // the slug is unique

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(0, listener.Calls);
    }

    private sealed class CountingListener : ICatalogChangeListener
    {
        public int Calls;

        public Task CatalogChangedAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            return Task.CompletedTask;
        }
    }

    private sealed class Factory(TestDb db, CatalogChangeInterceptor interceptor) : IDbContextFactory<KnowledgeHubDbContext>
    {
        public KnowledgeHubDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<KnowledgeHubDbContext>(db.Options).AddInterceptors(interceptor).Options);
    }
}
