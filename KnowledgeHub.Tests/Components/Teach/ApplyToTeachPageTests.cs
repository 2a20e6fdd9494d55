using System.Security.Claims;
using Bunit;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Tests.Domain.Authoring;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Teach;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Components.Teach;

public sealed class ApplyToTeachPageTests : MudBunitContext, IAsyncLifetime
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;

    public new async Task InitializeAsync()
    {
        world = await AuthoringWorld.CreateAsync(testDb);
        Services.AddSingleton(world.Applications);
        UseCulture("en-US");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
    }

    /// <summary>The first queries of a test run compile EF models and queries: allow more than bunit's default second.</summary>
    private static Task WaitAsync(IRenderedComponent<ApplyToTeachPage> cut, Action assertion) =>
        cut.WaitForAssertionAsync(assertion, TimeSpan.FromSeconds(15));

    private async Task<IRenderedComponent<ApplyToTeachPage>> RenderFormAsync()
    {
        var cut = Render<ApplyToTeachPage>();
        await WaitAsync(cut, () => cut.Find("[data-testid=apply-form]"));
        return cut;
    }

    /// <summary>The error text shown under a field (empty when the field is valid); the field must say it is invalid too.</summary>
    private static string ErrorOf(IRenderedComponent<ApplyToTeachPage> cut, string testId)
    {
        var field = cut.Find($"[data-testid={testId}]");
        var helper = field.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error");
        var error = (helper?.QuerySelector(".me-auto") ?? helper)?.TextContent.Trim() ?? "";   // without the counter
        Assert.Equal(error.Length > 0, field.GetAttribute("aria-invalid") == "true");
        return error;
    }

    private async Task<int> ApplicationCountAsync()
    {
        await using var db = await world.Db.CreateDbContextAsync();
        return await db.InstructorApplications.CountAsync();
    }

    [Fact]
    public async Task Submit_EmptyForm_ShowsTheMessageOfEachRequiredFieldAndSendsNothing()
    {
        SignIn(world.LearnerId);
        var cut = await RenderFormAsync();

        await cut.Find("[data-testid=apply-form]").SubmitAsync(new EventArgs());

        Assert.Equal("Tell us a little about yourself.", ErrorOf(cut, "apply-bio"));
        Assert.Equal("Tell us what you would like to teach.", ErrorOf(cut, "apply-expertise"));
        Assert.Equal("", ErrorOf(cut, "apply-sample"));   // optional
        Assert.Equal(["Tell us a little about yourself.", "Tell us what you would like to teach."],
            cut.FindAll("[data-testid=apply-problems] li").Select(li => li.TextContent.Trim()));   // announced together (role=alert)
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task Submit_LinkThatIsNoWebAddress_ShowsTheLinkMessageInChinese()
    {
        UseCulture("zh-CN");
        SignIn(world.LearnerId);
        var cut = await RenderFormAsync();
        cut.Find("[data-testid=apply-bio]").Input("十年数据分析经验");
        cut.Find("[data-testid=apply-expertise]").Input("Python");
        cut.Find("[data-testid=apply-sample]").Input("javascript:alert(1)");

        await cut.Find("[data-testid=apply-form]").SubmitAsync(new EventArgs());

        Assert.Equal("请输入以 http:// 或 https:// 开头的完整网址。", ErrorOf(cut, "apply-sample"));
        Assert.Equal("", ErrorOf(cut, "apply-bio"));
        Assert.Equal(0, await ApplicationCountAsync());
    }

    [Fact]
    public async Task Render_Fields_CarryTheDomainLimitsAndRequiredFlags()
    {
        SignIn(world.LearnerId);
        var cut = await RenderFormAsync();

        Assert.Equal(InstructorApplication.BioMaxLength.ToString(), cut.Find("[data-testid=apply-bio]").GetAttribute("maxlength"));
        Assert.Equal(InstructorApplication.ExpertiseMaxLength.ToString(), cut.Find("[data-testid=apply-expertise]").GetAttribute("maxlength"));
        Assert.Equal("true", cut.Find("[data-testid=apply-bio]").GetAttribute("aria-required"));
        Assert.NotEqual("true", cut.Find("[data-testid=apply-sample]").GetAttribute("aria-required"));
        Assert.Equal("About you", cut.Find("label[for='" + cut.Find("[data-testid=apply-bio]").Id + "']").TextContent.Trim().TrimEnd('*'));
    }

    [Fact]
    public async Task Submit_CompleteApplication_SavesItAndShowsItIsBeingReviewed()
    {
        SignIn(world.LearnerId);
        var cut = await RenderFormAsync();
        cut.Find("[data-testid=apply-bio]").Input("  I have taught SQL for ten years.  ");
        cut.Find("[data-testid=apply-expertise]").Input("SQL, data modelling");
        cut.Find("[data-testid=apply-sample]").Input("https://example.com/talk");

        await cut.Find("[data-testid=apply-form]").SubmitAsync(new EventArgs());

        await WaitAsync(cut, () => Assert.Contains("Your application is being reviewed", cut.Find("[data-testid=apply-pending]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=apply-form]"));
        var mine = await world.Applications.GetMineAsync(world.LearnerId);
        Assert.Equal(InstructorApplicationStatus.Pending, mine.Latest!.Status);
        Assert.Equal("I have taught SQL for ten years.", mine.Latest.Bio);
        Assert.Equal("https://example.com/talk", mine.Latest.SampleUrl);
    }

    [Fact]
    public async Task Render_Declined_ShowsTheAdminsReasonAndOffersTheFormAgain()
    {
        var id = AuthoringWorld.Ok(await world.Applications.ApplyAsync(world.LearnerId, "Bio", "Excel", null));
        Assert.True((await world.Applications.DeclineAsync(world.AdminId, id, "Please add a sample of <b>your</b> teaching.")).IsSuccess);
        SignIn(world.LearnerId);

        var cut = await RenderFormAsync();

        Assert.Contains("Your last application was not accepted", cut.Find("[data-testid=apply-declined]").TextContent);
        Assert.Equal("Please add a sample of <b>your</b> teaching.", cut.Find("[data-testid=apply-decline-reason]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=apply-decline-reason] b"));
    }

    [Fact]
    public async Task Render_Instructor_SaysTheyTeachAndLinksToTheDashboard()
    {
        SignIn(world.OwnerId, Roles.Instructor);

        var cut = Render<ApplyToTeachPage>();

        await WaitAsync(cut, () => Assert.Contains("You already teach on KnowledgeHub", cut.Find("[data-testid=apply-instructor]").TextContent));
        Assert.Equal("/teach", cut.Find("[data-testid=apply-instructor] a").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=apply-form]"));
    }

    [Fact]
    public async Task Render_JustApprovedButTheCookieHasNoRoleYet_RefreshesTheSignInOnTheWayToTheDashboard()
    {
        var id = AuthoringWorld.Ok(await world.Applications.ApplyAsync(world.LearnerId, "Bio", "Excel", null));
        Assert.True((await world.Applications.ApproveAsync(world.AdminId, id)).IsSuccess);
        SignIn(world.LearnerId);   // signed in before the approval: no Instructor role in the cookie

        var cut = Render<ApplyToTeachPage>();

        await WaitAsync(cut, () => Assert.Contains("Your application is approved", cut.Find("[data-testid=apply-instructor]").TextContent));
        var form = cut.Find("[data-testid=apply-instructor] form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/Identity/Account/RefreshSignIn", form.GetAttribute("action"));
        Assert.Equal("/teach", form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"));
    }
}
