using System.Net;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The course editor and its preview over HTTP, and what instructor Markdown becomes on the public page.</summary>
public sealed class CourseEditorPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Editor_OwnerOtherInstructorAndLearner_OnlyTheOwnerGetsTheEditor()
    {
        var (courseId, title) = await TeacherDraftAsync();
        var otherInstructor = await OtherInstructorEmailAsync();

        var owner = await GetAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword, $"/teach/courses/{courseId}");
        var other = await GetAsync(otherInstructor, DemoAccounts.SharedPassword, $"/teach/courses/{courseId}");
        var otherPreview = await GetAsync(otherInstructor, DemoAccounts.SharedPassword, $"/teach/courses/{courseId}/preview");
        var learner = await GetAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword, $"/teach/courses/{courseId}");

        Assert.Equal(HttpStatusCode.OK, owner.Status);
        Assert.Contains(HtmlText.Encode(title), owner.Html);
        Assert.Equal(HttpStatusCode.NotFound, other.Status);       // someone else's draft does not exist for them
        Assert.DoesNotContain(HtmlText.Encode(title), other.Html);
        Assert.Equal(HttpStatusCode.NotFound, otherPreview.Status);
        Assert.Equal(HttpStatusCode.Forbidden, learner.Status);
    }

    [Fact]
    public async Task Teach_Learner_TheForbiddenPageOffersToApplyToTeach()
    {
        var learner = await GetAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword, "/teach");
        var admin = await GetAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword, "/admin");

        Assert.Equal(HttpStatusCode.Forbidden, learner.Status);
        Assert.Contains("This area is for instructors.", learner.Html);
        Assert.Contains("href=\"/teach/apply\"", learner.Html);
        Assert.Equal(HttpStatusCode.Forbidden, admin.Status);
        Assert.DoesNotContain("data-testid=\"forbidden-apply\"", admin.Html);   // only where teaching is what is missing
    }

    [Fact]
    public async Task PublishedCourse_MarkdownWithScriptAndJavascriptLink_RendersHarmlessly()
    {
        var services = app.Factory.Services;
        var authoring = services.GetRequiredService<CourseAuthoringService>();
        var (teacher, admin) = (await UserIdAsync(DemoAccounts.InstructorEmail), await UserIdAsync(DemoAccounts.AdminEmail));
        await using var db = await services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var category = await db.Categories.Where(c => c.ParentId != null).Select(c => c.Id).FirstAsync();

        var created = Ok(await authoring.CreateCourseAsync(teacher, "Safe Markdown " + Guid.NewGuid().ToString("N")[..6], category));
        var slug = $"safe-markdown-{created.CourseId}";
        var basics = new CourseBasics(created.Slug, "Markdown that tries to run script", slug,
            "Hello <script>alert('x')</script> and [a link](javascript:alert(1)) <img src=x onerror=alert(2)>",
            "- **bold** outcome", "", category, ["markdown"], CourseLevel.Beginner, SupportedCultures.English, KnowledgeHub.Domain.Common.Money.Zero());
        basics = basics with { Title = "Safe Markdown " + created.CourseId };
        var saved = Ok(await authoring.SaveBasicsAsync(teacher, created.CourseId, created.Version, basics));
        var section = Ok(await authoring.AddSectionAsync(teacher, created.CourseId, saved.Version, "Part 1"));
        var lesson = Ok(await authoring.AddLessonAsync(teacher, created.CourseId, section.Version, section.CreatedId!.Value, "Read me", LessonKind.Article));
        var body = Ok(await authoring.SaveLessonAsync(teacher, created.CourseId, lesson.Version, lesson.CreatedId!.Value,
            new LessonDetails("Read me", true, 60, "Text <script>alert(3)</script>")));
        var submitted = Ok(await authoring.SubmitAsync(teacher, created.CourseId, body.Version));
        Ok(await authoring.ApproveAsync(admin, created.CourseId, submitted.Version, null));

        var html = await app.Factory.CreateBrowserClient("en-US").GetStringAsync($"/courses/{slug}");

        Assert.Contains("<strong>bold</strong>", html);                 // Markdown still works
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("javascript:alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);      // raw HTML in Markdown shows as text
        var preview = await app.Factory.CreateBrowserClient("en-US").GetStringAsync($"/courses/{slug}/preview/{lesson.CreatedId}");
        Assert.DoesNotContain("<script>alert", preview);
    }

    private static AuthoringSaved Ok(KnowledgeHub.Domain.Common.Result<AuthoringSaved> result) =>
        result.IsSuccess ? result.Value! : throw new Xunit.Sdk.XunitException(result.Error!.Code);

    private static CourseCreated Ok(KnowledgeHub.Domain.Common.Result<CourseCreated> result) =>
        result.IsSuccess ? result.Value! : throw new Xunit.Sdk.XunitException(result.Error!.Code);

    private async Task<(HttpStatusCode Status, string Html)> GetAsync(string email, string password, string path)
    {
        var client = app.Factory.CreateBrowserClient("en-US");
        await client.LogInAsync(email, password);
        var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(int Id, string Title)> TeacherDraftAsync()
    {
        var teacher = await UserIdAsync(DemoAccounts.InstructorEmail);
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var category = await db.Categories.Select(c => c.Id).FirstAsync();
        var title = "Private draft " + Guid.NewGuid().ToString("N")[..6];
        var created = Ok(await app.Factory.Services.GetRequiredService<CourseAuthoringService>().CreateCourseAsync(teacher, title, category));
        return (created.CourseId, title);
    }

    private async Task<string> OtherInstructorEmailAsync()
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var instructorRole = await db.Roles.Where(r => r.Name == Roles.Instructor).Select(r => r.Id).SingleAsync();
        return await db.Users.Where(u => u.Email != DemoAccounts.InstructorEmail && u.Email != DemoAccounts.AdminEmail
                && db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == instructorRole))
            .OrderBy(u => u.Id).Select(u => u.Email!).FirstAsync();
    }

    private async Task<int> UserIdAsync(string email)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
