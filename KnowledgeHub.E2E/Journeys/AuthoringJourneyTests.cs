using KnowledgeHub.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KnowledgeHub.E2E.Journeys;

/// <summary>An instructor builds and submits a course, an admin approves it, and a visitor finds it and plays its preview.</summary>
public sealed class AuthoringJourneyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string SampleVideo = Path.Combine(RepositoryRoot(), "KnowledgeHub.Web", "wwwroot", "media", "preview-sample.webm");

    [Fact]
    public async Task Instructor_CreatesAndSubmitsACourse_AdminApproves_VisitorPlaysThePreview()
    {
        var title = "Browser Testing in Practice " + Guid.NewGuid().ToString("N")[..6];
        var (courseUrl, slug) = ("", "");

        var teacher = await app.NewPageAsync("en-US");
        await Journey.RunAsync(teacher, "Authoring-instructor", async () =>
        {
            await new LoginPage(teacher).LogInAsync("teacher@knowledgehub.demo", "kh-teach-demo-2026");
            await teacher.GotoAsync("/teach");
            await new AppShell(teacher).WaitForInteractiveAsync();
            await teacher.GetByTestId("create-course").ClickAsync();
            await teacher.GetByLabel("Title").FillAsync(title);
            await teacher.GetByTestId("new-course-category").ClickAsync();
            await teacher.GetByRole(AriaRole.Option).First.ClickAsync();
            await teacher.GetByTestId("new-course-create").ClickAsync();
            await teacher.WaitForURLAsync(url => url.Contains("/teach/courses/"));
            courseUrl = new Uri(teacher.Url).AbsolutePath;
            await new AppShell(teacher).WaitForInteractiveAsync();
            await Expect(teacher.GetByTestId("editor-status")).ToHaveTextAsync("Draft");

            // Basics save on their own a moment after typing.
            await Textbox(teacher, "Subtitle").FillAsync("Write end-to-end tests that catch real bugs");
            await Textbox(teacher, "Description").FillAsync("**Real browsers**, real servers, and tests that read like user stories.");
            await Textbox(teacher, "What learners will learn").FillAsync("- Drive Chromium with Playwright\n- Keep tests fast and honest");
            await Expect(teacher.GetByTestId("save-indicator")).ToHaveAttributeAsync("data-state", "Saved");
            slug = await teacher.GetByLabel("Web address (slug)").InputValueAsync();

            await teacher.GetByRole(AriaRole.Tab, new() { Name = "Curriculum" }).ClickAsync();
            await teacher.GetByLabel("New section title").FillAsync("Getting started");
            await teacher.GetByTestId("new-section-add").ClickAsync();
            await Expect(teacher.GetByTestId("section")).ToHaveCountAsync(1);

            await AddLessonAsync(teacher, "Why test in a browser", "Article");
            await Textbox(teacher, "Article").FillAsync("Unit tests prove the parts; **journeys** prove the product.");
            await Expect(teacher.GetByTestId("save-indicator")).ToHaveAttributeAsync("data-state", "Saved");

            await AddLessonAsync(teacher, "Watch a test run", "Video");
            await teacher.GetByLabel("Free preview (anyone can open it)").CheckAsync();
            await teacher.Locator("[data-testid=lesson-upload] input[type=file]").SetInputFilesAsync(SampleVideo);
            await Expect(teacher.GetByTestId("lesson-media")).ToContainTextAsync("preview-sample.webm", new() { Timeout = 30_000 });
            await Expect(teacher.GetByTestId("lesson")).ToHaveCountAsync(2);

            await teacher.GetByTestId("editor-submit").ClickAsync();
            await Expect(teacher.GetByTestId("editor-status")).ToHaveTextAsync("In review");
        });

        var admin = await app.NewPageAsync("en-US");
        await Journey.RunAsync(admin, "Authoring-admin", async () =>
        {
            await new LoginPage(admin).LogInAsync("admin@knowledgehub.demo", "kh-admin-demo-2026");
            await admin.GotoAsync(courseUrl);
            await new AppShell(admin).WaitForInteractiveAsync();
            await admin.GetByTestId("editor-approve").ClickAsync();
            await admin.GetByTestId("reason-ok").ClickAsync();
            await Expect(admin.GetByTestId("editor-status")).ToHaveTextAsync("Published");
        });

        var visitor = await app.NewPageAsync("en-US");
        await Journey.RunAsync(visitor, "Authoring-visitor", async () =>
        {
            await visitor.GotoAsync("/courses?q=" + Uri.EscapeDataString(title));
            await visitor.GetByRole(AriaRole.Link, new() { Name = title }).First.ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            Assert.EndsWith("/courses/" + slug, new Uri(visitor.Url).AbsolutePath);
            await visitor.GetByRole(AriaRole.Link, new() { Name = "Preview Watch a test run" }).ClickAsync();
            // The uploaded video streams from the access-checked media endpoint and the browser can play it.
            await visitor.WaitForFunctionAsync("() => { const v = document.querySelector('[data-testid=preview-video]'); return v && v.readyState >= 1 && v.duration > 5; }");
            var source = await visitor.Locator("[data-testid=preview-video] source").GetAttributeAsync("src");
            Assert.StartsWith("/media/lessons/", source);
        });
    }

    private static ILocator Textbox(IPage page, string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });

    private static async Task AddLessonAsync(IPage page, string title, string kind)
    {
        await page.GetByTestId("add-lesson").Last.ClickAsync();
        await page.GetByTestId("new-lesson-title").FillAsync(title);
        await page.GetByTestId("new-lesson-kind").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = kind, Exact = true }).ClickAsync();
        await page.GetByTestId("new-lesson-add").ClickAsync();
        await Expect(page.GetByTestId("lesson-editor")).ToContainTextAsync(kind);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KnowledgeHub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from the repository.");
    }
}
