using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Domain.Authoring;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Teach;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Tests.Components.Teach;

/// <summary>The curriculum builder over the real authoring service: what the instructor does on screen is what gets saved.</summary>
public sealed class CurriculumBuilderTests : MudBunitContext
{
    private readonly TestDb testDb = new();
    private readonly TempFolder files = new();
    private AuthoringWorld world = null!;
    private Draft draft = null!;
    private CourseEditorSession session = null!;
    private int changes;

    public CurriculumBuilderTests() => UseCulture("en-US");

    private async Task<IRenderedComponent<CurriculumBuilder>> RenderAsync()
    {
        world = await AuthoringWorld.CreateAsync(testDb);
        draft = await world.CreateCompleteDraftAsync();
        Services.AddSingleton(world.Authoring);
        var uploads = new UploadService(new LocalDiskFileStore(files.Path), Options.Create(new UploadLimits()), NullLogger<UploadService>.Instance);
        Services.AddSingleton(uploads);
        session = new CourseEditorSession(uploads, TimeProvider.System, draft.Version);
        Render<MudBlazor.MudPopoverProvider>();
        Render<MudBlazor.MudDialogProvider>();
        var model = await EditorAsync();
        return Render<CurriculumBuilder>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.Session, session)
            .Add(c => c.UserId, world.OwnerId)
            .Add(c => c.OnChanged, () => changes++));
    }

    private async Task<CourseEditorModel> EditorAsync() => (await world.Authoring.GetEditorAsync(world.OwnerId, draft.Id)).Value!;

    private async Task<List<(string Section, string Lesson)>> CurriculumAsync()
    {
        await using var db = testDb.CreateDbContext();
        return await db.Lessons.Join(db.Sections, l => l.SectionId, s => s.Id, (l, s) => new { s.CourseId, Section = s.Title, SectionOrder = s.Order, l.Title, l.Order })
            .Where(x => x.CourseId == draft.Id).OrderBy(x => x.SectionOrder).ThenBy(x => x.Order)
            .Select(x => new ValueTuple<string, string>(x.Section, x.Title)).ToListAsync();
    }

    [Fact]
    public async Task AddSection_TitleTyped_SavesTheSectionAndTellsThePage()
    {
        var cut = await RenderAsync();

        cut.Find("[data-testid=new-section-title]").Input("第三章：实战");
        await cut.Find("[data-testid=new-section-add]").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal(1, changes), TimeSpan.FromSeconds(10));
        var editor = await EditorAsync();
        Assert.Equal(["第一章", "第二章", "第三章：实战"], editor.Sections.Select(s => s.Title));
        Assert.Equal(editor.Version, session.Version);                  // the next change starts from the saved version
        Assert.Equal(EditorSaveState.Saved, session.State);
    }

    [Fact]
    public async Task MoveDown_LastLessonOfTheFirstSection_MovesItToTheTopOfTheNextSection()
    {
        var cut = await RenderAsync();

        await cut.Find("button[aria-label='Move “安装” down']").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal(1, changes), TimeSpan.FromSeconds(10));
        Assert.Equal([("第一章", "为什么学 Python"), ("第二章", "安装"), ("第二章", "小测验")], await CurriculumAsync());
    }

    [Fact]
    public async Task Rename_LessonTitleTypedAndEnter_SavesTheNewTitle()
    {
        var cut = await RenderAsync();

        await cut.Find("button[aria-label='Rename “小测验”']").ClickAsync(new());
        var field = cut.Find("[data-testid=rename-text]");
        field.Input("第二章小测验");
        await field.KeyDownAsync(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        await cut.WaitForAssertionAsync(() => Assert.Equal(1, changes), TimeSpan.FromSeconds(10));
        Assert.Contains(("第二章", "第二章小测验"), await CurriculumAsync());
        Assert.Empty(cut.FindAll("[data-testid=rename-text]"));
    }

    [Fact]
    public async Task AddLesson_StaleVersion_ShowsTheConflictAndSavesNothing()
    {
        var cut = await RenderAsync();
        // Another tab saved in between: this editor's version is now stale.
        Assert.True((await world.Authoring.RenameSectionAsync(world.OwnerId, draft.Id, draft.Version, draft.FirstSectionId, "第一章（新）")).IsSuccess);
        var before = await CurriculumAsync();

        await cut.FindAll("[data-testid=add-lesson]")[0].ClickAsync(new());
        cut.Find("[data-testid=new-lesson-title]").Input("不会保存的课时");
        await cut.Find("[data-testid=new-lesson-add]").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => Assert.Equal(EditorSaveState.Conflict, session.State), TimeSpan.FromSeconds(10));
        Assert.Equal(before, await CurriculumAsync());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        testDb.Dispose();
        files.Dispose();
    }
}
