using Microsoft.AspNetCore.Identity;

namespace KnowledgeHub.Domain.Accounts;

/// <summary>The account rules in one place: passwords, lockout, confirmation.</summary>
public static class IdentityPolicy
{
    public const int MinimumPasswordLength = 12;
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(5);

    public static void Configure(IdentityOptions o)
    {
        // NIST 800-63B: length, no composition rules; CommonPasswordValidator refuses the guessable ones.
        o.Password.RequiredLength = MinimumPasswordLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedLogins;
        o.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
        o.Lockout.AllowedForNewUsers = true;
        o.SignIn.RequireConfirmedAccount = true;
        o.User.RequireUniqueEmail = true;
    }
}
