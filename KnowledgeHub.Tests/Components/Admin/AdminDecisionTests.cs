using System.Security.Claims;
using Bunit;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Tests.Domain.Authoring;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Admin;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KnowledgeHub.Tests.Components.Admin;

/// <summary>
/// The admins' decisions that need a reason: declining an application to teach and returning a submitted course to its
/// instructor. The confirm button stays disabled until a reason is written, and nothing changes on cancel.
/// </summary>
public sealed class AdminDecisionTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private ServiceProvider? identity;
    private AuthoringWorld world = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;
    private IRenderedComponent<MudSnackbarProvider> snackbars = default!;

    public new async Task InitializeAsync()
    {
        world = await AuthoringWorld.CreateAsync(testDb);
        identity = IdentityServices.Create(testDb);
        Services.AddSingleton(world.Applications);
        Services.AddSingleton(world.Authoring);
        Services.AddSingleton(new UserLookup(identity.GetRequiredService<IServiceScopeFactory>()));
        UseCulture("en-US");
        SignIn(world.AdminId, Roles.Admin);
        dialogs = Render<MudDialogProvider>();
        snackbars = Render<MudSnackbarProvider>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        identity?.Dispose();
        testDb.Dispose();
    }

    private static Task WaitAsync<T>(IRenderedComponent<T> cut, Action assertion) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    private async Task<int> SubmittedCourseAsync()
    {
        var draft = await world.CreateCompleteDraftAsync();
        AuthoringWorld.Ok(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version));
        return draft.Id;
    }

    [Fact]
    public async Task DeclineApplication_ConfirmDisabledUntilAReasonIsWritten_ThenDeclinesWithIt()
    {
        var id = AuthoringWorld.Ok(await world.Applications.ApplyAsync(world.LearnerId, "十年教学经验", "Excel", "https://example.com/x"));
        var cut = Render<InstructorApplicationsPage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=application]"));
        Assert.Equal("noopener noreferrer nofollow", cut.Find("[data-testid=sample-link]").GetAttribute("rel"));

        _ = cut.Find("[data-testid=decline]").ClickAsync(new());   // opens a dialog: completes only once it closes

        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=decline-reason]"));
        Assert.Contains("小明 will read this reason", dialogs.Markup);
        Assert.True(dialogs.Find("[data-testid=decline-ok]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=decline-reason]").Input("   ");
        Assert.True(dialogs.Find("[data-testid=decline-ok]").HasAttribute("disabled"));   // blanks are no reason

        dialogs.Find("[data-testid=decline-reason]").Input("  Add a sample video, please.  ");
        Assert.False(dialogs.Find("[data-testid=decline-ok]").HasAttribute("disabled"));
        await dialogs.Find("[data-testid=decline-ok]").ClickAsync(new());

        await WaitAsync(cut, () => cut.Find("[data-testid=applications-empty]"));
        var mine = await world.Applications.GetMineAsync(world.LearnerId);
        Assert.Equal(InstructorApplicationStatus.Declined, mine.Latest!.Status);
        Assert.Equal("Add a sample video, please.", mine.Latest.DeclineReason);
        Assert.Contains("The application of 小明 is declined.", snackbars.Markup);
        Assert.Equal(id, mine.Latest.Id);
    }

    [Fact]
    public async Task DeclineApplication_Cancelled_LeavesItPending()
    {
        AuthoringWorld.Ok(await world.Applications.ApplyAsync(world.LearnerId, "Bio", "Excel", null));
        var cut = Render<InstructorApplicationsPage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=application]"));
        Assert.Contains("No sample link", cut.Find("[data-testid=application]").TextContent);

        _ = cut.Find("[data-testid=decline]").ClickAsync(new());   // opens a dialog: completes only once it closes
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=decline-reason]"));
        dialogs.Find("[data-testid=decline-reason]").Input("half a thought");
        await dialogs.Find("[data-testid=decline-cancel]").ClickAsync(new());

        Assert.Equal(InstructorApplicationStatus.Pending, (await world.Applications.GetMineAsync(world.LearnerId)).Latest!.Status);
        Assert.Single(cut.FindAll("[data-testid=application]"));
    }

    [Fact]
    public async Task GrantByEmail_KnownLearner_MakesThemAnInstructor()
    {
        var cut = Render<InstructorApplicationsPage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=applications-empty]"));

        cut.Find("[data-testid=grant-email]").Input("nobody@test.local");
        await cut.Find("[data-testid=grant-form]").SubmitAsync(new EventArgs()).WaitAsync(TimeSpan.FromSeconds(20));
        await WaitAsync(cut, () => Assert.Equal("No user has this e-mail address.", cut.Find("[data-testid=grant-not-found]").TextContent.Trim()));

        var email = await EmailOfAsync(world.LearnerId);
        cut.Find("[data-testid=grant-email]").Input(email.ToUpperInvariant());
        await cut.Find("[data-testid=grant-form]").SubmitAsync(new EventArgs()).WaitAsync(TimeSpan.FromSeconds(21));
        await WaitAsync(cut, () => Assert.Contains("小明", cut.Find("[data-testid=grant-match]").TextContent));
        _ = cut.Find("[data-testid=grant]").ClickAsync(new());   // opens a dialog: completes only once it closes
        await WaitAsync(dialogs, () => Assert.Contains("Make 小明", dialogs.Markup));
        await dialogs.FindAll(".mud-dialog-actions button").Single(b => b.TextContent.Contains("Make instructor")).ClickAsync(new()).WaitAsync(TimeSpan.FromSeconds(22));

        await WaitAsync(cut, () => Assert.Contains("Already an instructor", cut.Find("[data-testid=grant-match]").TextContent));
        Assert.True((await world.Applications.GetMineAsync(world.LearnerId)).IsInstructor);
    }

    [Fact]
    public async Task RejectCourse_ConfirmDisabledUntilReasonsAreWritten_ThenReturnsItToDraft()
    {
        var courseId = await SubmittedCourseAsync();
        var cut = Render<CourseReviewQueuePage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=review-queue]"));
        Assert.Contains($"/teach/courses/{courseId}/preview", cut.Markup);

        _ = cut.Find("[data-testid=review-reject]").ClickAsync(new());   // opens a dialog: completes only once it closes

        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=reason-text]"));
        Assert.True(dialogs.Find("[data-testid=reason-ok]").HasAttribute("disabled"));
        dialogs.Find("[data-testid=reason-text]").Input("Lesson 2 has no sound.");
        await dialogs.Find("[data-testid=reason-ok]").ClickAsync(new());

        await WaitAsync(cut, () => cut.Find("[data-testid=review-queue-empty]"));
        var editor = await world.EditorAsync(courseId);
        Assert.Equal(CourseStatus.Draft, editor.Status);
        Assert.Equal("Lesson 2 has no sound.", editor.LastRejectionReasons);
    }

    [Fact]
    public async Task ApproveCourse_WithoutANote_PublishesIt()
    {
        var courseId = await SubmittedCourseAsync();
        var cut = Render<CourseReviewQueuePage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=review-queue]"));

        _ = cut.Find("[data-testid=review-approve]").ClickAsync(new());   // opens a dialog: completes only once it closes
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=reason-text]"));
        Assert.False(dialogs.Find("[data-testid=reason-ok]").HasAttribute("disabled"));   // the note is optional
        await dialogs.Find("[data-testid=reason-ok]").ClickAsync(new());

        await WaitAsync(cut, () => cut.Find("[data-testid=review-queue-empty]"));
        Assert.Equal(CourseStatus.Published, (await world.EditorAsync(courseId)).Status);
    }

    [Fact]
    public async Task ApproveCourse_ChangedSinceTheListLoaded_SaysSoAndPublishesNothing()
    {
        var courseId = await SubmittedCourseAsync();
        var cut = Render<CourseReviewQueuePage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=review-queue]"));
        // Meanwhile the instructor withdraws the course, fixes something and submits it again: a newer version.
        var withdrawn = AuthoringWorld.Ok(await world.Authoring.WithdrawAsync(world.OwnerId, courseId, (await world.EditorAsync(courseId)).Version));
        AuthoringWorld.Ok(await world.Authoring.SubmitAsync(world.OwnerId, courseId, withdrawn.Version));

        _ = cut.Find("[data-testid=review-approve]").ClickAsync(new());   // opens a dialog: completes only once it closes
        await WaitAsync(dialogs, () => dialogs.Find("[data-testid=reason-text]"));
        await dialogs.Find("[data-testid=reason-ok]").ClickAsync(new());

        await WaitAsync(snackbars, () => Assert.Contains("changed after this list was loaded", snackbars.Markup));
        Assert.Equal(CourseStatus.Submitted, (await world.EditorAsync(courseId)).Status);
        Assert.Single(cut.FindAll("[data-testid=review-approve]"));   // reloaded: still waiting, with the new version
    }

    private async Task<string> EmailOfAsync(int userId)
    {
        await using var db = await world.Db.CreateDbContextAsync();
        return db.Users.Single(u => u.Id == userId).Email!;
    }
}
