using System.Text;
using KnowledgeHub.Domain.Data;
using Microsoft.AspNetCore.Identity.UI.Services;

namespace KnowledgeHub.Web.Features.Accounts;

/// <summary>
/// Writes each message as an RFC 5322 .eml file into the data folder's mail/ directory, where a developer
/// (or an end-to-end test) opens it. The only sender until SMTP is configured.
/// </summary>
public sealed partial class FileEmailSender(DataPaths paths, TimeProvider clock, ILogger<FileEmailSender> logger) : IEmailSender
{
    public const string From = "KnowledgeHub <no-reply@knowledgehub.local>";

    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var now = clock.GetUtcNow();
        var safeTo = string.Concat(email.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_'));
        var file = Path.Combine(paths.Mail, $"{now:yyyyMMdd-HHmmss-fff}-{safeTo}-{Guid.NewGuid():N}.eml");
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(htmlMessage), Base64FormattingOptions.InsertLineBreaks);
        var message = new StringBuilder()
            .Append("From: ").Append(From).Append("\r\n")
            .Append("To: ").Append(email).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(subject))).Append("?=\r\n")
            .Append("Date: ").Append(now.ToString("r")).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: base64\r\n\r\n")
            .Append(body).Append("\r\n")
            .ToString();
        var temp = file + ".part";
        await File.WriteAllTextAsync(temp, message, Encoding.ASCII);
        File.Move(temp, file);
        LogWritten(logger, Path.GetFileName(file));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mail written to {File}")]
    private static partial void LogWritten(ILogger logger, string file);
}
