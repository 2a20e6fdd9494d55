using System.Reflection;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Support;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

/// <summary>One draft and one published course of the owner, and a pending application: shared by the matrix, whose calls change nothing.</summary>
public sealed class PermissionWorldFixture : IAsyncLifetime
{
    private readonly TestDb testDb = new();

    public AuthoringWorld World { get; private set; } = default!;
    public Draft Draft { get; private set; } = default!;
    public Draft Published { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        World = await CreateAsync(testDb);
        Draft = await World.CreateCompleteDraftAsync();
        Published = await World.CreatePublishedAsync();
        var applicant = await World.Catalog.AddUserAsync("申请人");
        Ok(await World.Applications.ApplyAsync(applicant, "十年开发经验", "Python", "https://example.com/demo"));
    }

    public Task DisposeAsync()
    {
        testDb.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The permission matrix: every public method of the authoring services, called by another instructor and by a learner
/// on the owner's draft and on the owner's published course, is refused and leaves the database exactly as it was.
/// </summary>
public sealed class AuthoringPermissionTests(PermissionWorldFixture fixture) : IClassFixture<PermissionWorldFixture>
{
    private readonly AuthoringWorld world = fixture.World;
    private readonly Draft draft = fixture.Draft;
    private readonly Draft published = fixture.Published;

    internal delegate Task<Result> Operation(CourseAuthoringService s, int user, Draft c, AuthoringWorld w);

    /// <summary>Each public method of CourseAuthoringService with arguments that would work for the owner (or an admin).</summary>
    internal static readonly Dictionary<string, Operation> CourseOperations = new()
    {
        ["GetEditorAsync"] = async (s, u, c, _) => await s.GetEditorAsync(u, c.Id),
        ["SaveBasicsAsync"] = async (s, u, c, w) => await s.SaveBasicsAsync(u, c.Id, c.Version, CompleteBasics("stolen", w.CategoryId)),
        ["SetCoverAsync"] = async (s, u, c, _) => await s.SetCoverAsync(u, c.Id, c.Version, "covers/x.webp"),
        ["CheckLessonUploadAsync"] = async (s, u, c, _) => await s.CheckLessonUploadAsync(u, c.Id, c.VideoId),
        ["AttachLessonFileAsync"] = async (s, u, c, _) => await s.AttachLessonFileAsync(u, c.Id, null, c.VideoId, new StoredFile("k", "x.mp4", "video/mp4", 10)),
        ["AddSectionAsync"] = async (s, u, c, _) => await s.AddSectionAsync(u, c.Id, c.Version, "新章"),
        ["RenameSectionAsync"] = async (s, u, c, _) => await s.RenameSectionAsync(u, c.Id, c.Version, c.FirstSectionId, "改名"),
        ["DeleteSectionAsync"] = async (s, u, c, _) => await s.DeleteSectionAsync(u, c.Id, c.Version, c.SecondSectionId),
        ["MoveSectionAsync"] = async (s, u, c, _) => await s.MoveSectionAsync(u, c.Id, c.Version, c.SecondSectionId, 1),
        ["AddLessonAsync"] = async (s, u, c, _) => await s.AddLessonAsync(u, c.Id, c.Version, c.FirstSectionId, "新课", LessonKind.Article),
        ["RenameLessonAsync"] = async (s, u, c, _) => await s.RenameLessonAsync(u, c.Id, c.Version, c.ArticleId, "改名"),
        ["DeleteLessonAsync"] = async (s, u, c, _) => await s.DeleteLessonAsync(u, c.Id, c.Version, c.VideoId),
        ["MoveLessonAsync"] = async (s, u, c, _) => await s.MoveLessonAsync(u, c.Id, c.Version, c.ArticleId, c.SecondSectionId, 1),
        ["SaveLessonAsync"] = async (s, u, c, _) => await s.SaveLessonAsync(u, c.Id, c.Version, c.ArticleId, new LessonDetails("改", true, 1, "x")),
        ["SaveQuizAsync"] = async (s, u, c, _) => await s.SaveQuizAsync(u, c.Id, c.Version, c.QuizId, SimpleQuiz()),
        ["SubmitAsync"] = async (s, u, c, _) => await s.SubmitAsync(u, c.Id, c.Version),
        ["WithdrawAsync"] = async (s, u, c, _) => await s.WithdrawAsync(u, c.Id, c.Version),
        ["UnlistAsync"] = async (s, u, c, _) => await s.UnlistAsync(u, c.Id, c.Version),
        ["RelistAsync"] = async (s, u, c, _) => await s.RelistAsync(u, c.Id, c.Version),
        ["ArchiveAsync"] = async (s, u, c, _) => await s.ArchiveAsync(u, c.Id, c.Version),
        ["GetReviewQueueAsync"] = async (s, u, _, _) => await s.GetReviewQueueAsync(u),
        ["ApproveAsync"] = async (s, u, c, _) => await s.ApproveAsync(u, c.Id, c.Version, "ok"),
        ["RejectAsync"] = async (s, u, c, _) => await s.RejectAsync(u, c.Id, c.Version, "no"),
    };

    private static readonly HashSet<string> AdminOnly = ["GetReviewQueueAsync", "ApproveAsync", "RejectAsync"];

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var operation in CourseOperations.Keys)
            foreach (var actor in new[] { "other instructor", "learner" })
                foreach (var onPublished in new[] { false, true })
                    data.Add(operation, actor, onPublished);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task CourseOperation_NotTheOwnerNorAnAdmin_IsRefusedAndChangesNothing(string operation, string actor, bool onPublished)
    {
        var user = actor == "learner" ? world.LearnerId : world.OtherInstructorId;
        var course = onPublished ? published : draft;
        var before = await world.SnapshotAsync();

        var result = await CourseOperations[operation](world.Authoring, user, course, world);

        Assert.False(result.IsSuccess);
        var expected = AdminOnly.Contains(operation) || onPublished ? "authoring.forbidden" : "authoring.not_found";
        Assert.Equal(expected, result.Error!.Code);
        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public void Matrix_CoversEveryPublicMethodOfTheCourseAuthoringService()
    {
        var methods = typeof(CourseAuthoringService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).ToHashSet();

        // Creating a course makes the caller its owner: only the Instructor role matters (see CreateCourseAsync_Learner_*).
        Assert.Equal(methods.Order(), CourseOperations.Keys.Append("CreateCourseAsync").Order());
    }

    [Fact]
    public async Task GetEditorAsync_UnknownCourse_IsNotFound() =>
        Refused(await world.Authoring.GetEditorAsync(world.OwnerId, 9999), "authoring.not_found");

    private delegate Task<Result> AccountOperation(AuthoringWorld w, int user);

    private static readonly Dictionary<string, AccountOperation> AdminOperations = new()
    {
        ["InstructorApplicationService.GetPendingAsync"] = async (w, u) => await w.Applications.GetPendingAsync(u),
        ["InstructorApplicationService.ApproveAsync"] = async (w, u) => await w.Applications.ApproveAsync(u, 1),
        ["InstructorApplicationService.DeclineAsync"] = async (w, u) => await w.Applications.DeclineAsync(u, 1, "不合适"),
        ["InstructorApplicationService.GrantInstructorAsync"] = async (w, u) => await w.Applications.GrantInstructorAsync(u, w.LearnerId),
        ["InstructorSalesQueries.GetAsync(owner)"] = async (w, u) =>
            await w.Sales.GetAsync(u, w.OwnerId, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), TimeZoneInfo.Utc),
        ["InstructorSalesQueries.GetInstructorsAsync"] = async (w, u) => await w.Sales.GetInstructorsAsync(u),
    };

    public static TheoryData<string, string> AdminMatrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in AdminOperations.Keys)
            foreach (var actor in new[] { "other instructor", "learner" })
                data.Add(operation, actor);
        return data;
    }

    [Theory]
    [MemberData(nameof(AdminMatrix))]
    public async Task AdminOrOwnerOperation_OtherUser_IsRefusedAndChangesNothing(string operation, string actor)
    {
        var user = actor == "learner" ? world.LearnerId : world.OtherInstructorId;
        var before = await world.SnapshotAsync();

        var result = await AdminOperations[operation](world, user);

        Assert.False(result.IsSuccess);
        Assert.EndsWith(".forbidden", result.Error!.Code, StringComparison.Ordinal);
        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public void AdminMatrix_CoversEveryAdminMethod()
    {
        static IEnumerable<string> Public(Type type) =>
            type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => $"{type.Name}.{m.Name}");

        var covered = AdminOperations.Keys.Select(k => k.Split('(')[0])
            .Concat(["InstructorApplicationService.ApplyAsync", "InstructorApplicationService.GetMineAsync"]); // the caller's own
        Assert.Equal(Public(typeof(InstructorApplicationService)).Concat(Public(typeof(InstructorSalesQueries))).Order(), covered.Order());
    }
}

/// <summary>What owners' and admins' access looks like, on a database of its own per test (these calls change it).</summary>
public sealed class AuthoringAccessTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;
    private Draft draft = default!;
    private Draft published = default!;

    public async Task InitializeAsync()
    {
        world = await CreateAsync(testDb);
        draft = await world.CreateCompleteDraftAsync();
        published = await world.CreatePublishedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    [Theory]
    [InlineData("SaveBasicsAsync")]
    [InlineData("AddSectionAsync")]
    [InlineData("DeleteLessonAsync")]
    [InlineData("GetEditorAsync")]
    [InlineData("CheckLessonUploadAsync")]
    public async Task CourseOperation_Admin_IsAllowedOnAnyCourse(string operation)
    {
        var result = await AuthoringPermissionTests.CourseOperations[operation](world.Authoring, world.AdminId, draft, world);

        Assert.True(result.IsSuccess, result.Error?.Code);
    }

    [Fact]
    public async Task FindReadableAsync_NonPreviewMedia_OnlyForOwnerEnrolledAndAdmins()
    {
        var video = published.VideoId; // not a preview lesson
        var enrolled = await world.Catalog.AddLearnerInAsync(published.Id);

        Assert.Null(await world.Media.FindReadableAsync(video, null, default));
        Assert.Null(await world.Media.FindReadableAsync(video, world.LearnerId, default));
        Assert.Null(await world.Media.FindReadableAsync(video, world.OtherInstructorId, default));
        Assert.NotNull(await world.Media.FindReadableAsync(video, enrolled, default));
        Assert.NotNull(await world.Media.FindReadableAsync(video, world.OwnerId, default));
        Assert.NotNull(await world.Media.FindReadableAsync(video, world.AdminId, default));
    }

    [Fact]
    public async Task FindReadableAsync_PreviewMedia_EveryoneOnlyOncePublished()
    {
        foreach (var course in new[] { draft, published })
        {
            var version = Ok(await world.Authoring.SaveLessonAsync(world.OwnerId, course.Id, (await world.EditorAsync(course.Id)).Version,
                course.VideoId, new LessonDetails("安装", true, 120))).Version;
            Assert.True(version > course.Version);
        }

        Assert.NotNull(await world.Media.FindReadableAsync(published.VideoId, null, default));
        Assert.Null(await world.Media.FindReadableAsync(draft.VideoId, null, default));
        Assert.Null(await world.Media.FindReadableAsync(draft.VideoId, world.LearnerId, default));
        Assert.NotNull(await world.Media.FindReadableAsync(draft.VideoId, world.OwnerId, default));
    }

    [Fact]
    public async Task FindReadableAsync_LessonWithoutMediaOrUnknown_IsNull()
    {
        Assert.Null(await world.Media.FindReadableAsync(published.ArticleId, world.OwnerId, default));
        Assert.Null(await world.Media.FindReadableAsync(9999, world.AdminId, default));
    }
}
