using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

public sealed class AuthoringInstructorApplicationTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;

    public async Task InitializeAsync() => world = await CreateAsync(testDb);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    private Task<bool> IsInstructorAsync(int userId) => world.Catalog.QueryAsync(db =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Instructor)));

    [Fact]
    public async Task ApplyAsync_Learner_CreatesAPendingApplicationTheyCanSee()
    {
        var id = Ok(await world.Applications.ApplyAsync(world.LearnerId, "  五年数据分析经验  ", "Python、SQL", "https://example.com/sample"));

        var mine = await world.Applications.GetMineAsync(world.LearnerId);
        Assert.False(mine.IsInstructor);
        Assert.False(mine.CanApply);
        Assert.Equal((id, InstructorApplicationStatus.Pending, "五年数据分析经验", "小明"), (mine.Latest!.Id, mine.Latest.Status, mine.Latest.Bio, mine.Latest.DisplayName));
        var pending = Ok(await world.Applications.GetPendingAsync(world.AdminId));
        Assert.Equal([id], pending.Select(p => p.Id));
    }

    [Fact]
    public async Task ApplyAsync_SecondWhilePending_IsAlreadyOpen()
    {
        Ok(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", null));

        Refused(await world.Applications.ApplyAsync(world.LearnerId, "又一次", "Go", null), "application.already_open");

        Assert.Equal(1, await world.Catalog.QueryAsync(db => db.InstructorApplications.CountAsync()));
    }

    [Theory]
    [InlineData("ftp://example.com/a")]
    [InlineData("javascript:alert(1)")]
    [InlineData("example.com/sample")]
    [InlineData("https://user:pass@example.com/")]
    [InlineData("file:///etc/passwd")]
    public async Task ApplyAsync_SampleLinkNotHttp_IsRefused(string link)
    {
        Refused(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", link), "application.link_invalid");

        Assert.Equal(0, await world.Catalog.QueryAsync(db => db.InstructorApplications.CountAsync()));
    }

    [Theory]
    [InlineData("", "Python", "application.bio_required")]
    [InlineData("简介", " ", "application.expertise_required")]
    [InlineData("长", "Python", "application.bio_too_long")]
    [InlineData("简介", "长", "application.expertise_too_long")]
    public async Task ApplyAsync_MissingOrLongFields_AreRefused(string bio, string expertise, string code)
    {
        if (bio == "长") bio = new string('长', InstructorApplication.BioMaxLength + 1);
        if (expertise == "长") expertise = new string('长', InstructorApplication.ExpertiseMaxLength + 1);

        Refused(await world.Applications.ApplyAsync(world.LearnerId, bio, expertise, null), code);
    }

    [Fact]
    public async Task ApplyAsync_Instructor_IsAlreadyInstructor() =>
        Refused(await world.Applications.ApplyAsync(world.OtherInstructorId, "简介", "Python", null), "application.already_instructor");

    [Fact]
    public async Task ApproveAsync_Pending_GrantsTheRoleAndAPublicSlug()
    {
        var applicant = await world.Catalog.AddUserAsync("Jane Doe");
        var id = Ok(await world.Applications.ApplyAsync(applicant, "Data scientist", "Statistics", null));

        Assert.True((await world.Applications.ApproveAsync(world.AdminId, id)).IsSuccess);

        Assert.True(await IsInstructorAsync(applicant));
        var user = await world.Catalog.QueryAsync(db => db.Users.SingleAsync(u => u.Id == applicant));
        Assert.Equal(("jane-doe", "Data scientist"), (user.Slug, user.Bio));
        var mine = await world.Applications.GetMineAsync(applicant);
        Assert.True(mine.IsInstructor);
        Assert.Equal((InstructorApplicationStatus.Approved, world.Catalog.Clock.GetUtcNow().UtcDateTime), (mine.Latest!.Status, mine.Latest.DecidedUtc));
        Assert.Empty(Ok(await world.Applications.GetPendingAsync(world.AdminId)));
        Ok(await world.Authoring.CreateCourseAsync(applicant, "Statistics 101", world.CategoryId));
    }

    [Fact]
    public async Task ApproveAsync_AlreadyDecided_IsNotPending()
    {
        var id = Ok(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", null));
        Assert.True((await world.Applications.DeclineAsync(world.AdminId, id, "经验不足")).IsSuccess);

        Refused(await world.Applications.ApproveAsync(world.AdminId, id), "application.not_pending");
        Refused(await world.Applications.ApproveAsync(world.AdminId, 9999), "application.not_found");

        Assert.False(await IsInstructorAsync(world.LearnerId));
    }

    [Fact]
    public async Task DeclineAsync_WithReason_ShowsTheReasonAndAllowsANewApplication()
    {
        var id = Ok(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", null));

        Refused(await world.Applications.DeclineAsync(world.AdminId, id, "  "), "application.reason_required");
        Assert.True((await world.Applications.DeclineAsync(world.AdminId, id, "请补充示例课程")).IsSuccess);

        var mine = await world.Applications.GetMineAsync(world.LearnerId);
        Assert.Equal((InstructorApplicationStatus.Declined, "请补充示例课程"), (mine.Latest!.Status, mine.Latest.DeclineReason));
        Assert.True(mine.CanApply);
        Ok(await world.Applications.ApplyAsync(world.LearnerId, "补充了示例", "Python", "http://example.com/v"));
        Assert.Equal(InstructorApplicationStatus.Pending, (await world.Applications.GetMineAsync(world.LearnerId)).Latest!.Status);
    }

    [Fact]
    public async Task GrantInstructorAsync_Directly_GrantsOnceAndApprovesAPendingApplication()
    {
        var id = Ok(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", null));

        Assert.True((await world.Applications.GrantInstructorAsync(world.AdminId, world.LearnerId)).IsSuccess);
        Assert.True((await world.Applications.GrantInstructorAsync(world.AdminId, world.LearnerId)).IsSuccess);

        Assert.True(await IsInstructorAsync(world.LearnerId));
        Assert.Equal(1, await world.Catalog.QueryAsync(db =>
            db.UserRoles.CountAsync(ur => ur.UserId == world.LearnerId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Instructor))));
        Assert.Equal(InstructorApplicationStatus.Approved,
            await world.Catalog.QueryAsync(db => db.InstructorApplications.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        var user = await world.Catalog.QueryAsync(db => db.Users.SingleAsync(u => u.Id == world.LearnerId));
        Assert.Equal($"instructor-{world.LearnerId}", user.Slug); // 小明 has no ASCII words
    }

    [Fact]
    public async Task GrantInstructorAsync_UnknownUser_IsRefused() =>
        Refused(await world.Applications.GrantInstructorAsync(world.AdminId, 9999), "application.user_not_found");

    [Fact]
    public async Task PendingApplication_UniqueIndex_RefusesASecondPendingRow()
    {
        Ok(await world.Applications.ApplyAsync(world.LearnerId, "简介", "Python", null));
        await using var db = await world.Db.CreateDbContextAsync();
        db.InstructorApplications.Add(new InstructorApplication(world.LearnerId, "再来", "Go", null, DateTime.UtcNow));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
