using System.Net.Http.Headers;
using System.Text;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Payments.Sandbox;

/// <summary>
/// Delivers the sandbox's queued notifications to the merchant webhook over real HTTP, signed, several at a time, and
/// retries with exponential backoff until a 2xx arrives, exactly as a real gateway does. Woken at once after a cashier
/// action; otherwise it looks for due retries every second. Pending rows survive a crash and go out after a restart.
/// </summary>
public sealed partial class SandboxNotifier(IDbContextFactory<KnowledgeHubDbContext> dbFactory, IHttpClientFactory http, SandboxSignature signature,
    TimeProvider clock, ILogger<SandboxNotifier> log) : BackgroundService
{
    public const string HttpClientName = "sandbox-notifier";
    private const int BatchSize = 64, Parallelism = 16;
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);

    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int delivered;
            try { delivered = await DeliverDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                LogLoopFailed(e);
                delivered = 0;
            }
            if (delivered >= BatchSize) continue; // more may be waiting
            try { await wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Sends every notification that is due now; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        List<SandboxNotification> due;
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            due = await db.SandboxNotifications.AsNoTracking().Where(n => n.DeliveredUtc == null && n.NextAttemptUtc != null && n.NextAttemptUtc <= now)
                .OrderBy(n => n.NextAttemptUtc).ThenBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
        if (due.Count == 0) return 0;
        var client = http.CreateClient(HttpClientName);
        var results = new (long Id, string? Error)[due.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, due.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (i, token) => results[i] = (due[i].Id, await SendAsync(client, due[i], token)));

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = results.Select(r => r.Id).ToList();
            var rows = await db.SandboxNotifications.Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
            var at = clock.GetUtcNow().UtcDateTime;
            foreach (var (id, error) in results)
            {
                if (error is null) rows[id].Delivered(at);
                else
                {
                    rows[id].Failed(error, at);
                    LogRetry(rows[id].EventId, rows[id].Attempts, error);
                }
            }
            await db.SaveChangesAsync(ct);
        }
        return due.Count;
    }

    private async Task<string?> SendAsync(HttpClient client, SandboxNotification n, CancellationToken ct)
    {
        try
        {
            var body = Encoding.UTF8.GetBytes(n.Body);
            using var request = new HttpRequestMessage(HttpMethod.Post, n.NotifyUrl) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(SandboxSignature.Header, signature.Sign(body, clock.GetUtcNow()));
            using var response = await client.SendAsync(request, ct);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox notification {EventId} not delivered (attempt {Attempt}): {Error}")]
    private partial void LogRetry(string eventId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox notifier loop failed; retrying")]
    private partial void LogLoopFailed(Exception e);
}
