using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Domain.Accounts;

/// <summary>The password rules as a registering user meets them, through Identity with <see cref="IdentityPolicy"/>.</summary>
public sealed class PasswordPolicyTests : IDisposable
{
    private readonly TestDb testDb = new();
    private readonly ServiceProvider services;

    public PasswordPolicyTests() => services = IdentityServices.Create(testDb);

    [Theory]
    [InlineData("short-pass1", "PasswordTooShort")]                  // 11 characters
    [InlineData("password1234", CommonPasswordValidator.ErrorCode)]  // breached list
    [InlineData("123456789012", CommonPasswordValidator.ErrorCode)]  // a run of digits
    [InlineData("aaaaaaaaaaaaaa", CommonPasswordValidator.ErrorCode)] // one repeated character
    [InlineData("woaini1314520", CommonPasswordValidator.ErrorCode)] // common pinyin password
    public async Task CreateAsync_WeakPassword_IsRefusedWithTheReason(string password, string expectedCode)
    {
        var result = await CreateAsync($"weak-{Guid.NewGuid():N}@example.com", password);
        Assert.Contains(result.Errors, e => e.Code == expectedCode);
    }

    [Theory]
    [InlineData("slow green river tea")]   // lowercase words and spaces: no composition rules
    [InlineData("我在学习机器学习入门课程")]       // a Chinese phrase of 12 characters
    public async Task CreateAsync_LongUncommonPassphrase_IsAccepted(string password)
    {
        var result = await CreateAsync($"ok-{Guid.NewGuid():N}@example.com", password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Code)));
    }

    [Fact]
    public async Task CreateAsync_PasswordContainsTheEmailName_IsRefused()
    {
        var result = await CreateAsync("zhangsanfeng@example.com", "zhangsanfeng-2026-x");
        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.ErrorCode);
    }

    [Fact]
    public async Task AccessFailedAsync_FiveFailures_LocksTheAccountForFiveMinutes()
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "lock@example.com", Email = "lock@example.com", DisplayName = "Lock" };
        Assert.True((await users.CreateAsync(user, "a long enough passphrase")).Succeeded);

        for (var i = 0; i < 4; i++) await users.AccessFailedAsync(user);
        Assert.False(await users.IsLockedOutAsync(user));
        await users.AccessFailedAsync(user);

        Assert.True(await users.IsLockedOutAsync(user));
        var lockedFor = (await users.GetLockoutEndDateAsync(user))!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(lockedFor.TotalMinutes, 4.9, 5.0);
    }

    private async Task<IdentityResult> CreateAsync(string email, string password)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, DisplayName = "Test" }, password);
    }

    public void Dispose()
    {
        services.Dispose();
        testDb.Dispose();
    }
}
