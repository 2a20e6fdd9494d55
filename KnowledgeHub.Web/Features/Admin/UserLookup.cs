using System.Globalization;
using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace KnowledgeHub.Web.Features.Admin;

/// <summary>A registered user found by e-mail, for the admins' "grant the instructor role" form.</summary>
public sealed record UserMatch(int Id, string DisplayName, string Email, bool IsInstructor);

/// <summary>
/// Finds a user by exact e-mail address for an admin. The domain has no such query yet, so this goes through Identity's
/// <see cref="UserManager{TUser}"/>, in a scope of its own per call: a circuit lives for hours, its DbContext must not.
/// Like a domain service it checks the acting user itself: anyone but an admin finds nobody.
/// </summary>
public sealed class UserLookup(IServiceScopeFactory scopes)
{
    public async Task<UserMatch?> FindByEmailAsync(int adminId, string email, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email)) return null;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        ct.ThrowIfCancellationRequested();
        var admin = await users.FindByIdAsync(adminId.ToString(CultureInfo.InvariantCulture));
        if (admin is null || !await users.IsInRoleAsync(admin, Roles.Admin)) return null;
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null) return null;
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName;
        return new UserMatch(user.Id, name, user.Email ?? "", await users.IsInRoleAsync(user, Roles.Instructor));
    }
}
