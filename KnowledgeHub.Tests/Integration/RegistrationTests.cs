using System.Net;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>The registration form over HTTP: bad input explains itself beside the field and creates nobody.</summary>
public sealed partial class RegistrationTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Register_ExistingEmail_ChineseReasonBesideTheEmailField()
    {
        var (status, html) = await RegisterAsync("zh-CN", "重复的人", DemoAccounts.LearnerEmail, "a long enough passphrase");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"邮箱“{DemoAccounts.LearnerEmail}”已被注册", FieldError(html, "Input.Email"));
    }

    [Fact]
    public async Task Register_CommonPassword_ReasonBesideThePasswordFieldAndNoAccount()
    {
        var email = $"common-{Guid.NewGuid():N}@example.com";
        var (_, html) = await RegisterAsync("en-US", "Common", email, "password1234");

        Assert.Contains("too common", FieldError(html, "Input.Password"));
        Assert.False(await ExistsAsync(email));
    }

    [Fact]
    public async Task Register_MalformedEmail_ReasonBesideTheEmailField()
    {
        var (_, html) = await RegisterAsync("en-US", "Typo", "not-an-address", "a long enough passphrase");
        Assert.NotEqual("", FieldError(html, "Input.Email"));
        Assert.False(await ExistsAsync("not-an-address"));
    }

    [Fact]
    public async Task Register_GoodInput_CreatesAnUnconfirmedLearnerAndWritesTheConfirmationMail()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        var client = app.Factory.CreateBrowserClient("en-US");
        var response = await PostRegisterAsync(client, "Wang Fang", email, "a long enough passphrase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("RegisterConfirmation", response.Headers.Location!.OriginalString);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        Assert.Equal("Wang Fang", user.DisplayName);
        Assert.Equal([Roles.Learner], await users.GetRolesAsync(user));
        var mailFolder = Path.Combine(app.Factory.DataDirectory, "mail");
        Assert.Contains(Directory.GetFiles(mailFolder, "*.eml"), f => File.ReadAllText(f).Contains($"To: {email}"));

        // An unconfirmed account cannot sign in yet.
        var login = await client.LogInAsync(email, "a long enough passphrase");
        Assert.NotEqual("/", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RegisterConfirmation_SomeoneElsesAddress_NeverShowsTheConfirmationLink()
    {
        var email = $"victim-{Guid.NewGuid():N}@example.com";
        var owner = app.Factory.CreateBrowserClient("en-US");
        var registered = await PostRegisterAsync(owner, "Victim", email, "a long enough passphrase");
        var ownPage = await owner.GetStringAsync(registered.Headers.Location!.OriginalString);
        Assert.Contains("Click here to confirm your account", ownPage);                       // the browser that registered (Development)

        var attacker = app.Factory.CreateBrowserClient("en-US");
        var page = await attacker.GetStringAsync($"/Identity/Account/RegisterConfirmation?email={Uri.EscapeDataString(email)}");
        Assert.DoesNotContain("ConfirmEmail?", page);
        Assert.DoesNotContain("Click here to confirm your account", page);
    }

    private async Task<(HttpStatusCode, string)> RegisterAsync(string language, string name, string email, string password)
    {
        var response = await PostRegisterAsync(app.Factory.CreateBrowserClient(language), name, email, password);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostRegisterAsync(HttpClient client, string name, string email, string password)
    {
        var page = await client.GetStringAsync("/Identity/Account/Register");
        var token = Token().Match(page).Groups[1].Value;
        return await client.PostAsync("/Identity/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The text of the validation message shown beside a field ("" when none).</summary>
    private static string FieldError(string html, string field) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(.*?)</span>", RegexOptions.Singleline).Groups[1].Value);

    private async Task<bool> ExistsAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
