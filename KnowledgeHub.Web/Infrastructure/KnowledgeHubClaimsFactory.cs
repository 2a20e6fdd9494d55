using System.Security.Claims;
using KnowledgeHub.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>Adds the display name and preferred language to the sign-in cookie, so no request needs a query for them.</summary>
public sealed class KnowledgeHubClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<int>>(users, roles, options)
{
    public const string DisplayNameClaim = "kh:name";
    public const string AvatarClaim = "kh:avatar";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.PreferredCulture is { } culture) identity.AddClaim(new Claim(CultureSetup.CultureClaim, culture));
        if (user.AvatarPath is { } avatar) identity.AddClaim(new Claim(AvatarClaim, avatar));
        return identity;
    }
}

public static class ClaimsPrincipalExtensions
{
    public static int? GetUserId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(KnowledgeHubClaimsFactory.DisplayNameClaim) ?? user.Identity?.Name ?? "";
}
