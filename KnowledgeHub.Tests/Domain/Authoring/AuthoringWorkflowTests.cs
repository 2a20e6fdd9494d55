using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

public sealed class AuthoringWorkflowTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;

    public async Task InitializeAsync() => world = await CreateAsync(testDb);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    [Fact]
    public async Task SubmitAsync_DraftWithoutLessons_IsRefusedAsIncompleteAndStaysDraft()
    {
        var (id, version) = await world.CreateDraftAsync();
        version = Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, CompleteBasics("python-basics", world.CategoryId))).Version;

        Refused(await world.Authoring.SubmitAsync(world.OwnerId, id, version), "authoring.submit_incomplete");

        var editor = await world.EditorAsync(id);
        Assert.Equal(CourseStatus.Draft, editor.Status);
        Assert.Equal([CourseGap.Lessons], editor.Gaps);
        Assert.False(editor.Actions.CanSubmit);
    }

    [Fact]
    public async Task SubmitAsync_NewDraftWithEmptyBasics_ListsEveryGap()
    {
        var (id, version) = await world.CreateDraftAsync();
        var section = Ok(await world.Authoring.AddSectionAsync(world.OwnerId, id, version, "第一章"));
        Ok(await world.Authoring.AddLessonAsync(world.OwnerId, id, section.Version, section.CreatedId!.Value, "空视频", LessonKind.Video));

        var editor = await world.EditorAsync(id);

        Assert.Equal([CourseGap.Subtitle, CourseGap.Description, CourseGap.Outcomes, CourseGap.LessonContent], editor.Gaps);
        Refused(await world.Authoring.SubmitAsync(world.OwnerId, id, editor.Version), "authoring.submit_incomplete");
    }

    [Fact]
    public async Task SubmitAsync_CompleteDraft_MovesToSubmittedWithAHistoryRow()
    {
        var draft = await world.CreateCompleteDraftAsync();

        var saved = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));

        Assert.Equal(draft.Version + 1, saved.Version);
        var editor = await world.EditorAsync(draft.Id);
        Assert.Equal(CourseStatus.Submitted, editor.Status);
        var change = Assert.Single(editor.History);
        Assert.Equal((CourseStatus.Draft, CourseStatus.Submitted, world.OwnerId, "王老师"), (change.From, change.To, change.ByUserId, change.ByName));
        Assert.Equal(SmallCatalog.Now.UtcDateTime, change.OccurredUtc);
        Assert.True(editor.Actions.CanWithdraw);
        Assert.False(editor.Actions.CanEdit);
    }

    [Fact]
    public async Task SaveBasicsAsync_WhileSubmitted_IsWrongState()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));
        var before = await world.SnapshotAsync();

        Refused(await world.Authoring.SaveBasicsAsync(world.OwnerId, draft.Id, submitted.Version, CompleteBasics("other-slug", world.CategoryId)),
            "authoring.wrong_state");
        Refused(await world.Authoring.AddSectionAsync(world.OwnerId, draft.Id, submitted.Version, "第三章"), "authoring.wrong_state");

        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task WithdrawAsync_Submitted_GoesBackToDraftAndCanBeEdited()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));

        var withdrawn = Ok(await world.Authoring.WithdrawAsync(world.OwnerId, draft.Id, submitted.Version));

        Assert.Equal(CourseStatus.Draft, (await world.EditorAsync(draft.Id)).Status);
        Ok(await world.Authoring.AddSectionAsync(world.OwnerId, draft.Id, withdrawn.Version, "第三章"));
    }

    [Fact]
    public async Task ApproveAsync_Submitted_PublishesWithTheAdminsNote()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));
        world.Catalog.Clock.Advance(TimeSpan.FromHours(3));

        Ok(await world.Authoring.ApproveAsync(world.AdminId, draft.Id, submitted.Version, "  内容扎实  "));

        var course = await world.LoadAsync(draft.Id);
        Assert.Equal(CourseStatus.Published, course.Status);
        Assert.Equal(SmallCatalog.Now.UtcDateTime.AddHours(3), course.PublishedUtc);
        Assert.Equal(3, course.LessonCount);
        var last = (await world.EditorAsync(draft.Id)).History[^1];
        Assert.Equal((CourseStatus.Submitted, CourseStatus.Published, world.AdminId, "内容扎实"), (last.From, last.To, last.ByUserId, last.Note));
    }

    [Fact]
    public async Task RejectAsync_WithReasons_GoesBackToDraftAndTheEditorShowsThem()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));

        Ok(await world.Authoring.RejectAsync(world.AdminId, draft.Id, submitted.Version, "视频音量太小；第二章缺少练习"));

        var editor = await world.EditorAsync(draft.Id);
        Assert.Equal(CourseStatus.Draft, editor.Status);
        Assert.Equal("视频音量太小；第二章缺少练习", editor.LastRejectionReasons);
        Assert.Equal("Admin", editor.History[^1].ByName);
        Assert.Null((await world.LoadAsync(draft.Id)).PublishedUtc);
    }

    [Fact]
    public async Task RejectAsync_BlankReasons_IsRefusedAndStaysSubmitted()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));

        Refused(await world.Authoring.RejectAsync(world.AdminId, draft.Id, submitted.Version, "   "), "authoring.reasons_required");
        Refused(await world.Authoring.RejectAsync(world.AdminId, draft.Id, submitted.Version, new string('x', 2001)), "authoring.note_too_long");

        Assert.Equal(CourseStatus.Submitted, (await world.LoadAsync(draft.Id)).Status);
    }

    [Fact]
    public async Task ApproveAsync_Draft_IsWrongState()
    {
        var draft = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.ApproveAsync(world.AdminId, draft.Id, draft.Version, null), "authoring.wrong_state");
        Refused(await world.Authoring.RejectAsync(world.AdminId, draft.Id, draft.Version, "不行"), "authoring.wrong_state");
        Refused(await world.Authoring.UnlistAsync(world.OwnerId, draft.Id, draft.Version), "authoring.wrong_state");
        Refused(await world.Authoring.ArchiveAsync(world.OwnerId, draft.Id, draft.Version), "authoring.wrong_state");
        Refused(await world.Authoring.RelistAsync(world.OwnerId, draft.Id, draft.Version), "authoring.wrong_state");
        Refused(await world.Authoring.WithdrawAsync(world.OwnerId, draft.Id, draft.Version), "authoring.wrong_state");
    }

    [Fact]
    public async Task ApproveAsync_OwnerWhoIsNoAdmin_IsForbidden()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));

        Refused(await world.Authoring.ApproveAsync(world.OwnerId, draft.Id, submitted.Version, null), "authoring.forbidden");

        Assert.Equal(CourseStatus.Submitted, (await world.LoadAsync(draft.Id)).Status);
    }

    [Fact]
    public async Task UnlistRelistArchive_Published_FollowTheWorkflowAndRecordEachStep()
    {
        var course = await world.CreatePublishedAsync();

        var unlisted = Ok(await world.Authoring.UnlistAsync(world.OwnerId, course.Id, course.Version));
        Assert.Equal(CourseStatus.Unlisted, (await world.LoadAsync(course.Id)).Status);
        var relisted = Ok(await world.Authoring.RelistAsync(world.OwnerId, course.Id, unlisted.Version));
        Assert.Equal(CourseStatus.Published, (await world.LoadAsync(course.Id)).Status);
        var unlistedAgain = Ok(await world.Authoring.UnlistAsync(world.OwnerId, course.Id, relisted.Version));
        var archived = Ok(await world.Authoring.ArchiveAsync(world.OwnerId, course.Id, unlistedAgain.Version));

        Refused(await world.Authoring.RelistAsync(world.OwnerId, course.Id, archived.Version), "authoring.wrong_state");
        Refused(await world.Authoring.SaveBasicsAsync(world.OwnerId, course.Id, archived.Version, CompleteBasics("archived", world.CategoryId)),
            "authoring.wrong_state");
        var history = (await world.EditorAsync(course.Id)).History.Select(h => h.To).ToList();
        Assert.Equal([CourseStatus.Submitted, CourseStatus.Published, CourseStatus.Unlisted, CourseStatus.Published, CourseStatus.Unlisted,
            CourseStatus.Archived], history);
    }

    [Fact]
    public async Task RelistAsync_Published_IsWrongState()
    {
        var course = await world.CreatePublishedAsync();

        Refused(await world.Authoring.RelistAsync(world.OwnerId, course.Id, course.Version), "authoring.wrong_state");
        Refused(await world.Authoring.SubmitAsync(world.OwnerId, course.Id, course.Version), "authoring.wrong_state");
    }

    [Fact]
    public async Task ArchiveAsync_Published_IsAllowedDirectly()
    {
        var course = await world.CreatePublishedAsync();

        Ok(await world.Authoring.ArchiveAsync(world.OwnerId, course.Id, course.Version));

        Assert.Equal(CourseStatus.Archived, (await world.LoadAsync(course.Id)).Status);
    }

    [Fact]
    public async Task SaveBasicsAsync_Published_StaysLiveWithoutANewReview()
    {
        var course = await world.CreatePublishedAsync();
        var basics = CompleteBasics($"complete-{course.Id}", world.CategoryId) with { Title = "Python 数据分析（第二版）" };

        Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, course.Id, course.Version, basics));

        var saved = await world.LoadAsync(course.Id);
        Assert.Equal((CourseStatus.Published, "Python 数据分析（第二版）"), (saved.Status, saved.Title));
    }

    [Fact]
    public async Task GetReviewQueueAsync_Admin_ListsSubmittedCoursesOldestFirst()
    {
        var first = await world.CreateCompleteDraftAsync();
        var second = await world.CreateCompleteDraftAsync(world.OtherInstructorId);
        Ok(await world.Authoring.SubmitAsync(world.OtherInstructorId, second.Id, second.Version));
        world.Catalog.Clock.Advance(TimeSpan.FromMinutes(5));
        var submitted = Ok(await world.Authoring.SubmitAsync(world.OwnerId, first.Id, first.Version));

        var queue = Ok(await world.Authoring.GetReviewQueueAsync(world.AdminId));

        Assert.Equal([second.Id, first.Id], queue.Select(q => q.CourseId));
        Assert.Equal(("王老师", submitted.Version, 3), (queue[1].InstructorName, queue[1].Version, queue[1].LessonCount));
        Assert.Equal(new Money(19900, Money.Cny), queue[1].Price);
        Refused(await world.Authoring.GetReviewQueueAsync(world.OwnerId), "authoring.forbidden");
    }

    [Fact]
    public async Task Publish_DemoSeedPath_StillPublishesWithoutReview()
    {
        var courseId = await world.Catalog.AddCourseAsync(published: true);

        var course = await world.LoadAsync(courseId);

        Assert.Equal(CourseStatus.Published, course.Status);
        Assert.Empty(course.StatusHistory);
    }

    [Fact]
    public void Submit_IncompleteCourseEntity_ThrowsDomainException()
    {
        var course = new Course("c-1", "课程", "", "", 1, 1, Money.Zero(), CourseLevel.Beginner, "zh-CN", DateTime.UtcNow);

        Assert.Throws<DomainException>(() => course.Submit(1, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => course.Approve(1, null, DateTime.UtcNow));
        Assert.Throws<DomainException>(() => course.Unlist(1, DateTime.UtcNow));
        Assert.Equal(CourseStatus.Draft, course.Status);
    }

    [Fact]
    public void Reject_EntityWithoutReasons_ThrowsDomainException()
    {
        var course = new Course("c-1", "课程", "副标题", "介绍", 1, 1, Money.Zero(), CourseLevel.Beginner, "zh-CN", DateTime.UtcNow);
        course.Describe("- 学会", "", [], "");
        course.AddSection("一").AddLesson("文章", LessonKind.Article, 60, false, "正文");
        course.Submit(1, DateTime.UtcNow);

        Assert.Throws<DomainException>(() => course.Reject(2, " ", DateTime.UtcNow));
        Assert.Throws<DomainException>(() => course.AddSection("二", DateTime.UtcNow));
        Assert.Equal(CourseStatus.Submitted, course.Status);
    }
}
