using KnowledgeHub.Domain.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Accounts;

/// <summary>Role checks against the database (the source of truth), not the sign-in cookie or a UI flag.</summary>
internal static class UserRoleChecks
{
    private static readonly string AdminNormalized = Roles.Admin.ToUpperInvariant();

    public static Task<bool> IsAdminAsync(this KnowledgeHubDbContext db, int userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == AdminNormalized), ct);

    public static Task<bool> IsInRoleAsync(this KnowledgeHubDbContext db, int userId, string role, CancellationToken ct)
    {
        var normalized = role.ToUpperInvariant();
        return db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized), ct);
    }

    public static Task<bool> IsInstructorAsync(this KnowledgeHubDbContext db, int userId, CancellationToken ct) =>
        db.IsInRoleAsync(userId, Roles.Instructor, ct);

    /// <summary>Adds the AspNetUserRoles row unless the user has the role already; true when it added one. Saving is the caller's.</summary>
    public static async Task<bool> GrantRoleAsync(this KnowledgeHubDbContext db, int userId, string role, CancellationToken ct)
    {
        var normalized = role.ToUpperInvariant();
        var roleId = await db.Roles.Where(r => r.NormalizedName == normalized).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"The role {role} does not exist.");
        if (await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == roleId, ct)) return false;
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = userId, RoleId = roleId });
        return true;
    }
}
