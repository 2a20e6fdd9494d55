using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Reviews;
using KnowledgeHub.Domain.Wishlist;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Reviews;

/// <summary>
/// A few rows made through the entities, over any store (in-memory <see cref="TestDb"/> by default): a category, an
/// instructor, an admin, courses and learners, plus the feature services of reviews, wishlist, enrolment and events.
/// </summary>
public sealed class SmallCatalog
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private int courseNumber, userNumber;

    public SmallCatalog(IDbContextFactory<KnowledgeHubDbContext> db)
    {
        Db = db;
        Events = new EventRecorder(db, Clock, NullLogger<EventRecorder>.Instance);
        Reviews = new ReviewService(db, Clock);
        ReviewQueries = new ReviewQueries(db);
        Wishlist = new WishlistService(db, Clock, Events);
        Enrollment = new EnrollmentService(db, Clock);
    }

    public IDbContextFactory<KnowledgeHubDbContext> Db { get; }
    public FakeTimeProvider Clock { get; } = new(Now);
    public EventRecorder Events { get; }
    public ReviewService Reviews { get; }
    public ReviewQueries ReviewQueries { get; }
    public WishlistService Wishlist { get; }
    public EnrollmentService Enrollment { get; }
    public int CategoryId { get; private set; }
    public int InstructorId { get; private set; }
    public int AdminId { get; private set; }

    /// <summary>The category, the instructor "王老师" and the admin.</summary>
    public async Task<SmallCatalog> SeedAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var category = new Category("programming", "编程", "Programming", 1);
        db.Categories.Add(category);
        await db.SaveChangesAsync();
        CategoryId = category.Id;
        InstructorId = await AddUserAsync("王老师", Roles.Instructor);
        AdminId = await AddUserAsync("Admin", Roles.Admin);
        return this;
    }

    public async Task<int> AddUserAsync(string displayName, string role = Roles.Learner)
    {
        await using var db = await Db.CreateDbContextAsync();
        var n = Interlocked.Increment(ref userNumber);
        var user = new ApplicationUser
        {
            UserName = $"user{n}@test.local", NormalizedUserName = $"USER{n}@TEST.LOCAL", Email = $"user{n}@test.local",
            NormalizedEmail = $"USER{n}@TEST.LOCAL", DisplayName = displayName, CreatedUtc = Now.UtcDateTime,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<int> AddCourseAsync(long priceFen = 9900, bool published = true, int? instructorId = null)
    {
        await using var db = await Db.CreateDbContextAsync();
        var n = Interlocked.Increment(ref courseNumber);
        var course = new Course($"course-{n}", $"课程 {n}", "副标题", "介绍", CategoryId, instructorId ?? InstructorId,
            new Money(priceFen, Money.Cny), CourseLevel.Beginner, SupportedCultures.Chinese, Now.UtcDateTime.AddDays(-30));
        course.AddSection("第一章").AddLesson("第一课", LessonKind.Video, 300, isPreview: true);
        course.RefreshTotals();
        if (published) course.Publish(Now.UtcDateTime.AddDays(-20));
        db.Courses.Add(course);
        await db.SaveChangesAsync();
        return course.Id;
    }

    /// <summary>Enrols directly (as a paid order would), without the free-enrolment rules.</summary>
    public async Task EnrollAsync(int learnerId, int courseId)
    {
        await using var db = await Db.CreateDbContextAsync();
        db.Enrollments.Add(new Enrollment(learnerId, courseId, Now.UtcDateTime.AddDays(-10), orderId: null));
        await db.SaveChangesAsync();
    }

    /// <summary>A new learner enrolled in the course.</summary>
    public async Task<int> AddLearnerInAsync(int courseId, string name = "学员")
    {
        var learner = await AddUserAsync(name);
        await EnrollAsync(learner, courseId);
        return learner;
    }

    public async Task<Course> CourseAsync(int courseId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Courses.AsNoTracking().SingleAsync(c => c.Id == courseId);
    }

    public async Task<T> QueryAsync<T>(Func<KnowledgeHubDbContext, Task<T>> query)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await query(db);
    }
}
