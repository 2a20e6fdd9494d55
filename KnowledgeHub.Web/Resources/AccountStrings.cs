using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace KnowledgeHub.Web.Resources;

/// <summary>
/// Marker for the account pages' strings (log in, register, account settings): AccountStrings.resx (English) and
/// AccountStrings.zh-CN.resx, generated from AccountStrings.tsv. Pages read them through
/// <c>IStringLocalizer&lt;AccountStrings&gt;</c>.
/// </summary>
/// <remarks>
/// The static properties exist only for DataAnnotations on the pages' input models
/// (<c>ErrorMessageResourceType</c>, <c>Display(ResourceType = ...)</c>), which find them by reflection and read them
/// in the current UI culture, on the server and in the data-val-* attributes for client validation alike.
/// </remarks>
public sealed class AccountStrings
{
    private static readonly ResourceManager Resources = new(typeof(AccountStrings).FullName!, typeof(AccountStrings).Assembly);

    private static string Get([CallerMemberName] string key = "") =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    // Validation messages ({0} is the field's display name).
    public static string Required => Get();
    public static string EmailInvalid => Get();
    public static string TooLong => Get();
    public static string PasswordLength => Get();
    public static string PasswordsDoNotMatch => Get();
    public static string CodeLength => Get();

    // Field names.
    public static string Email => Get();
    public static string Password => Get();
    public static string ConfirmPassword => Get();
    public static string RememberMe => Get();
    public static string DisplayName => Get();
    public static string Bio => Get();
    public static string PreferredLanguage => Get();
    public static string Avatar => Get();
    public static string CurrentPassword => Get();
    public static string NewPassword => Get();
    public static string ConfirmNewPassword => Get();
    public static string AuthenticatorCode => Get();
    public static string RememberMachine => Get();
    public static string RecoveryCode => Get();
    public static string VerificationCode => Get();
}
