using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The applications, review queue and sales pages over HTTP: who may open them, and what the server renders.</summary>
public sealed partial class TeachAdminPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, HttpStatusCode> Access() => new()
    {
        { "/teach/apply", "learner", HttpStatusCode.OK },
        { "/teach/apply", "teacher", HttpStatusCode.OK },
        { "/teach/apply", "admin", HttpStatusCode.OK },
        { "/teach/sales", "teacher", HttpStatusCode.OK },
        { "/teach/sales", "admin", HttpStatusCode.OK },
        { "/teach/sales", "learner", HttpStatusCode.Forbidden },
        { "/admin/reviews", "admin", HttpStatusCode.OK },
        { "/admin/reviews", "teacher", HttpStatusCode.Forbidden },
        { "/admin/reviews", "learner", HttpStatusCode.Forbidden },
        { "/admin/instructors", "admin", HttpStatusCode.OK },
        { "/admin/instructors", "teacher", HttpStatusCode.Forbidden },
        { "/admin/instructors", "learner", HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Access))]
    public async Task Page_SignedInAs_AnswersByRole(string path, string who, HttpStatusCode expected)
    {
        var client = await SignedInAsync(who);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
            Assert.Contains("You don't have access to this page", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/teach/apply")]
    [InlineData("/teach/sales")]
    [InlineData("/admin/reviews")]
    [InlineData("/admin/instructors")]
    public async Task Page_Anonymous_IsSentToLogIn(string path)
    {
        var response = await app.Factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login?ReturnUrl=" + Uri.EscapeDataString(path), response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Sales_DemoTeacher_ServerRendersTheRealFigures()
    {
        var teacherId = await UserIdAsync(DemoAccounts.InstructorEmail);
        var sales = app.Factory.Services.GetRequiredService<InstructorSalesQueries>();
        var today = ChinaTime.Today(TimeProvider.System);
        var expected = (await sales.GetAsync(teacherId, teacherId, today.AddDays(-29), today, ChinaTime.Zone)).Value!;
        Assert.True(expected.Revenue.MinorUnits > 0, "the demo teacher sold something in the last 30 days");

        var html = await (await SignedInAsync("teacher")).GetStringAsync("/teach/sales");

        var en = new CultureInfo("en-US");
        var kpis = KpiValue().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(expected.Revenue.Format(en), kpis[0]);
        Assert.NotEqual("¥0.00", kpis[0]);
        Assert.Equal(expected.Sales.ToString("N0", en), kpis[3]);
        Assert.Equal(expected.Enrollments.ToString("N0", en), kpis[4]);
        Assert.Contains(HtmlText.Encode(expected.Courses[0].Title), html);                 // the best-selling course in the table
        Assert.Contains("mud-chart", html);                                                // the charts render on the server too
        Assert.Contains("aria-current=\"true\"", html);                                    // "last 30 days" is the current preset
    }

    [Fact]
    public async Task Sales_AdminChoosingAnInstructorInTheUrl_SeesThatInstructorsCourses()
    {
        var teacherId = await UserIdAsync(DemoAccounts.InstructorEmail);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var title = await db.Courses.Where(c => c.InstructorId == teacherId).OrderBy(c => c.Id).Select(c => c.Title).FirstAsync();

        var html = await (await SignedInAsync("admin")).GetStringAsync($"/teach/sales?days=90&instructor={teacherId}");

        Assert.Contains(HtmlText.Encode(title), html);
        Assert.Contains("data-testid=\"sales-instructor\"", html);
    }

    [Fact]
    public async Task Sales_TeacherAskingForAnotherInstructor_StillSeesOnlyTheirOwn()
    {
        var teacherId = await UserIdAsync(DemoAccounts.InstructorEmail);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var otherTitle = await db.Courses.Where(c => c.InstructorId != teacherId).OrderBy(c => c.Id).Select(c => c.Title).FirstAsync();

        var html = await (await SignedInAsync("teacher")).GetStringAsync($"/teach/sales?instructor=1&from=2026-01-01&to=2026-12-31");

        Assert.DoesNotContain(HtmlText.Encode(otherTitle), html);
        Assert.DoesNotContain("data-testid=\"sales-instructor\"", html);
    }

    [Fact]
    public async Task Sales_RangeLongerThanAYear_ExplainsInsteadOfFailing()
    {
        var response = await (await SignedInAsync("teacher")).GetAsync("/teach/sales?from=2024-01-01&to=2026-01-01");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"sales-error\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apply_ApprovedWhileSignedIn_RefreshSignInOpensTheInstructorArea()
    {
        const string email = "learner007@knowledgehub.demo";
        var client = app.Factory.CreateBrowserClient("en-US");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(email, DemoAccounts.SharedPassword)).StatusCode);
        var userId = await UserIdAsync(email);
        var applications = app.Factory.Services.GetRequiredService<InstructorApplicationService>();
        var applied = await applications.ApplyAsync(userId, "I teach statistics.", "Statistics", null);
        Assert.True((await applications.ApproveAsync(await UserIdAsync(DemoAccounts.AdminEmail), applied.Value!)).IsSuccess);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/teach")).StatusCode);   // the cookie predates the role

        var page = await client.GetStringAsync("/teach/apply");
        Assert.Contains("Your application is approved", page);
        var token = TokenValue().Match(Antiforgery().Match(page).Value).Groups[1].Value;
        Assert.NotEmpty(token);
        var refreshed = await client.PostAsync("/Identity/Account/RefreshSignIn", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/teach",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, refreshed.StatusCode);
        Assert.Equal("/teach", refreshed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/teach")).StatusCode);
    }

    [Fact]
    public async Task RefreshSignIn_ForeignReturnUrl_StaysOnThisSite()
    {
        var client = await SignedInAsync("learner");
        var response = await client.GetAsync("/Identity/Account/RefreshSignIn?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Home_StartTeaching_LeadsToTheApplication()
    {
        var html = await app.Factory.CreateBrowserClient("en-US").GetStringAsync("/");
        Assert.Contains("href=\"/teach/apply\"", html);
    }

    private async Task<HttpClient> SignedInAsync(string who)
    {
        var (email, password) = who switch
        {
            "admin" => (DemoAccounts.AdminEmail, DemoAccounts.AdminPassword),
            "teacher" => (DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword),
            _ => (DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword),
        };
        var client = app.Factory.CreateBrowserClient("en-US");
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogInAsync(email, password)).StatusCode);
        return client;
    }

    private async Task<int> UserIdAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    [GeneratedRegex("data-testid=\"kpi-value\"[^>]*><b>([^<]*)</b>")]
    private static partial Regex KpiValue();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();
}
