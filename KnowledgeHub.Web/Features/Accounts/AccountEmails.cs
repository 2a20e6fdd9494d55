using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Features.Accounts;

/// <summary>
/// The account mails (confirm the address, reset the password), written in the recipient's language: the profile's
/// preferred language, else the language of the request that triggered the mail.
/// </summary>
public static class AccountEmails
{
    // CJK stays readable in the .eml (the default encoder would write &#x...; escapes).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static Task SendConfirmationAsync(this IEmailSender sender, IStringLocalizer<AccountStrings> localizer, ApplicationUser user, string link) =>
        SendAsync(sender, localizer, user, link, "MailConfirmSubject", "MailConfirmBody", "MailConfirmLink");

    public static Task SendPasswordResetAsync(this IEmailSender sender, IStringLocalizer<AccountStrings> localizer, ApplicationUser user, string link) =>
        SendAsync(sender, localizer, user, link, "MailResetSubject", "MailResetBody", "MailResetLink");

    private static async Task SendAsync(IEmailSender sender, IStringLocalizer<AccountStrings> l, ApplicationUser user, string link,
        string subjectKey, string bodyKey, string linkKey)
    {
        var email = user.Email ?? throw new InvalidOperationException($"User {user.Id} has no e-mail address.");
        var name = string.IsNullOrWhiteSpace(user.DisplayName) ? email : user.DisplayName;
        string subject, html;
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = SupportedCultures.IsSupported(user.PreferredCulture) ? new CultureInfo(user.PreferredCulture!) : previous;
        try
        {
            var href = Html.Encode(link);
            subject = l[subjectKey];
            html = $"""
                <p>{Html.Encode(l["MailGreeting", name])}</p>
                <p>{Html.Encode(l[bodyKey])}</p>
                <p><a href="{href}">{Html.Encode(l[linkKey])}</a></p>
                <p>{Html.Encode(l["MailPlainLink"])}<br>{href}</p>
                <p>{Html.Encode(l["MailIgnore"])}</p>
                <p>{Html.Encode(l["MailSignature"])}</p>
                """;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        await sender.SendEmailAsync(email, subject, html);
    }
}
