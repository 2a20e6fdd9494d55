using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Analytics;

/// <summary>
/// Appends behaviour events (one row per call, never an update). Recording is a side effect of what the user does, so
/// it must never break that action: database errors are logged and swallowed.
/// </summary>
public sealed partial class EventRecorder(
    IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock, ILogger<EventRecorder> logger)
{
    /// <summary>Chinese text stays readable in the stored JSON instead of becoming \uXXXX escapes.</summary>
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task RecordAsync(BehaviorEventType type, VisitorIdentity who, int? courseId, string? query = null, int? value = null,
        object? properties = null, CancellationToken ct = default)
    {
        try
        {
            var json = properties is null ? null : JsonSerializer.Serialize(properties, properties.GetType(), Json);
            var e = new BehaviorEvent(type, Clip(who.VisitorId, BehaviorEvent.IdMaxLength) ?? "", who.UserId, courseId,
                clock.GetUtcNow().UtcDateTime, query: Clip(query?.Trim(), BehaviorEvent.QueryMaxLength), value: value,
                sessionId: Clip(who.SessionId, BehaviorEvent.IdMaxLength), propertiesJson: json);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.BehaviorEvents.Add(e);
            await db.SaveChangesAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The caller gave up (the circuit closed): nothing to record and nothing to report.
        }
        catch (Exception ex)
        {
            LogRecordFailed(ex, type, courseId);
        }
    }

    internal static string? Clip(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record a {EventType} event for course {CourseId}")]
    private partial void LogRecordFailed(Exception exception, BehaviorEventType eventType, int? courseId);
}
