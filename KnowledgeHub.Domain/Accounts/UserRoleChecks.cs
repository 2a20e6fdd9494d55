using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Accounts;

/// <summary>Role checks against the database (the source of truth), not the sign-in cookie or a UI flag.</summary>
internal static class UserRoleChecks
{
    private static readonly string AdminNormalized = Roles.Admin.ToUpperInvariant();

    public static Task<bool> IsAdminAsync(this KnowledgeHubDbContext db, int userId, CancellationToken ct) =>
        db.UserRoles.AnyAsync(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == AdminNormalized), ct);
}
