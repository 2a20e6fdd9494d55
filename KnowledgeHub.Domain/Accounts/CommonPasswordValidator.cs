using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace KnowledgeHub.Domain.Accounts;

/// <summary>
/// NIST 800-63B style: length (12, set in the Identity options) and no composition rules, but passwords
/// that attackers try first are refused: a list of breached passwords, one repeated character, a plain
/// run of the keyboard or digits, or the account's own e-mail or name.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    public const string ErrorCode = "CommonPassword";
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
        => Task.FromResult(IsCommon(password, user.Email, user.UserName)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This password is too common or too easy to guess. Use a longer phrase only you would think of.",
            })
            : IdentityResult.Success);

    public static bool IsCommon(string? password, string? email = null, string? userName = null)
    {
        if (string.IsNullOrEmpty(password)) return false;
        var p = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(p)) return true;
        if (p.Distinct().Count() <= 2) return true;                        // aaaaaaaaaaaa, abababababab
        if (IsRun(p)) return true;                                        // 123456789012, abcdefghijkl
        foreach (var own in new[] { email, email?.Split('@')[0], userName })
            if (!string.IsNullOrWhiteSpace(own) && own.Length >= 4 && p.Contains(own.ToLowerInvariant())) return true;
        return false;
    }

    private static bool IsRun(string p)
    {
        var steps = 0;
        for (var i = 1; i < p.Length; i++)
        {
            var d = p[i] - p[i - 1];
            if (d is 1 or -1 || (p[i] == '0' && p[i - 1] == '9')) steps++;
        }
        return steps >= p.Length - 2;
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly
            .GetManifestResourceStream("KnowledgeHub.Domain.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } word) set.Add(word.ToLowerInvariant());
        return set;
    }
}
