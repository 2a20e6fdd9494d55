using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Domain.Accounts;

public sealed class RoleRulesTests
{
    [Fact]
    public void Policies_AdminArea_AdmitsAdminsOnly() =>
        Assert.Equal([Roles.Admin], Policies.RolesByPolicy[Policies.CanAdminister]);

    [Fact]
    public void Policies_TeachArea_AdmitsInstructorsAndAdmins() =>
        Assert.Equal([Roles.Admin, Roles.Instructor], Policies.RolesByPolicy[Policies.CanTeach].Order());

    [Fact]
    public async Task InitializeAsync_ConfiguredAdmin_IsCreatedAsLearnerAndAdmin()
    {
        using var testDb = new TestDb();
        await using var services = IdentityServices.Create(testDb, o => { o.Admin.Email = "boss@example.com"; o.Admin.Password = "a very private phrase"; });

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync("boss@example.com");
        Assert.NotNull(admin);
        Assert.Equal([Roles.Admin, Roles.Learner], (await users.GetRolesAsync(admin)).Order());
        Assert.True(await users.CheckPasswordAsync(admin, "a very private phrase"));
    }

    [Fact]
    public async Task InitializeAsync_RunTwice_KeepsOneAdminAndThreeRoles()
    {
        using var testDb = new TestDb();
        await using var services = IdentityServices.Create(testDb, o => { o.Admin.Email = "boss@example.com"; o.Admin.Password = "a very private phrase"; });
        var initializer = services.GetRequiredService<DatabaseInitializer>();

        await initializer.InitializeAsync();
        await initializer.InitializeAsync();

        await using var db = testDb.CreateDbContext();
        Assert.Equal(3, db.Roles.Count());
        Assert.Single(db.Users.Where(u => u.Email == "boss@example.com"));
    }

    [Fact]
    public async Task InitializeAsync_ConfiguredAdminWithWeakPassword_CreatesNobody()
    {
        using var testDb = new TestDb();
        await using var services = IdentityServices.Create(testDb, o => { o.Admin.Email = "boss@example.com"; o.Admin.Password = "password1234"; });

        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        await using var db = testDb.CreateDbContext();
        Assert.Empty(db.Users);
    }
}
