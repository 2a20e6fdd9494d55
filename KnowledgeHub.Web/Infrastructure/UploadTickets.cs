using System.Text.Json;
using KnowledgeHub.Domain.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>
/// Proof that a user uploaded a file: the upload endpoint answers with a ticket (the stored file and the uploader's id,
/// protected with Data Protection, valid for a day), and the editor only attaches or deletes a file whose ticket reads
/// back for the signed-in user. A key typed or replayed by the browser is never taken for an upload.
/// </summary>
public sealed class UploadTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("KnowledgeHub.UploadTicket.v1").ToTimeLimitedDataProtector();

    private sealed record Ticket(int UserId, StoredFile File);

    public string Issue(StoredFile file, int userId) =>
        protector.Protect(JsonSerializer.Serialize(new Ticket(userId, file)), clock.GetUtcNow() + Lifetime);

    /// <summary>The file, when the ticket is genuine, unexpired and was issued to <paramref name="userId"/>; else null.</summary>
    public StoredFile? Read(string? ticket, int userId)
    {
        if (string.IsNullOrEmpty(ticket)) return null;
        try
        {
            var read = JsonSerializer.Deserialize<Ticket>(protector.Unprotect(ticket, out var expires));
            return read is not null && read.UserId == userId && expires > clock.GetUtcNow() ? read.File : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
