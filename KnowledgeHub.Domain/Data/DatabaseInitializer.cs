using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data.DemoSeed;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Data;

/// <summary>Start-up work: migrations, WAL, the three roles, the demo seed and the configured first admin.</summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<KnowledgeHubDbContext> dbFactory,
    IServiceScopeFactory scopes,
    DemoSeeder seeder,
    IOptions<KnowledgeHubOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            foreach (var role in Roles.All)
                if (!await db.Roles.AnyAsync(r => r.Name == role, ct))
                    db.Roles.Add(new IdentityRole<int>(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync(ct);
        }

        if (options.Value.DemoData && await seeder.SeedAsync(ct))
            LogSeeded(logger);

        await EnsureConfiguredAdminAsync(ct);
    }

    private async Task EnsureConfiguredAdminAsync(CancellationToken ct)
    {
        var admin = options.Value.Admin;
        if (string.IsNullOrWhiteSpace(admin.Email) || string.IsNullOrWhiteSpace(admin.Password)) return;

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = admin.Email, Email = admin.Email, EmailConfirmed = true,
                DisplayName = admin.Email.Split('@')[0], CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            var created = await users.CreateAsync(user, admin.Password);
            if (!created.Succeeded)
            {
                LogAdminRejected(logger, admin.Email, string.Join(" ", created.Errors.Select(e => e.Description)));
                return;
            }
            await users.AddToRoleAsync(user, Roles.Learner);
        }
        if (!await users.IsInRoleAsync(user, Roles.Admin))
        {
            await users.AddToRoleAsync(user, Roles.Admin);
            LogAdminGranted(logger, admin.Email);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded")]
    private static partial void LogSeeded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configured administrator {Email} has the Admin role")]
    private static partial void LogAdminGranted(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configured administrator {Email} could not be created: {Reasons}")]
    private static partial void LogAdminRejected(ILogger logger, string email, string reasons);
}
