using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Payments.Sandbox;

/// <summary>
/// Delivers the sandbox's queued notifications to the merchant webhook over real HTTP, signed, and retries with exponential
/// backoff until a 2xx arrives, exactly as a real gateway does. Deliveries run side by side (up to <see cref="Parallelism"/>)
/// and each is recorded as soon as its answer arrives, so one slow webhook never holds the others back. Woken at once after
/// a cashier action; otherwise it looks for due retries every second. Pending rows survive a crash and go out after a restart.
/// </summary>
public sealed partial class SandboxNotifier(IDbContextFactory<KnowledgeHubDbContext> dbFactory, IHttpClientFactory http, SandboxSignature signature,
    TimeProvider clock, ILogger<SandboxNotifier> log) : BackgroundService
{
    public const string HttpClientName = "sandbox-notifier";
    private const int BatchSize = 64, Parallelism = 32;
    private readonly SemaphoreSlim wake = new(0, int.MaxValue);
    private readonly SemaphoreSlim slots = new(Parallelism, Parallelism);
    private readonly ConcurrentDictionary<long, byte> inFlight = new();

    public void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int started;
            try { started = await StartDueAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                LogLoopFailed(e);
                started = 0;
            }
            if (started >= BatchSize) continue; // more may be waiting
            try { await wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Starts a delivery for every due notification not already on its way (waiting for a free slot); returns how many.</summary>
    private async Task<int> StartDueAsync(CancellationToken ct)
    {
        var due = await DueAsync(ct);
        foreach (var n in due)
        {
            await slots.WaitAsync(ct);
            if (!inFlight.TryAdd(n.Id, 0))
            {
                slots.Release();
                continue;
            }
            _ = Task.Run(async () =>
            {
                try { await DeliverAsync(n, ct); }
                catch (Exception e) when (e is not OperationCanceledException) { LogLoopFailed(e); }
                finally
                {
                    inFlight.TryRemove(n.Id, out _);
                    slots.Release();
                }
            }, CancellationToken.None);
        }
        return due.Count;
    }

    private async Task<List<SandboxNotification>> DueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var busy = inFlight.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SandboxNotifications.AsNoTracking()
            .Where(n => n.DeliveredUtc == null && n.NextAttemptUtc != null && n.NextAttemptUtc <= now && !busy.Contains(n.Id))
            .OrderBy(n => n.NextAttemptUtc).ThenBy(n => n.Id).Take(BatchSize).ToListAsync(ct);
    }

    private async Task DeliverAsync(SandboxNotification n, CancellationToken ct)
    {
        var error = await SendAsync(http.CreateClient(HttpClientName), n, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.SandboxNotifications.SingleOrDefaultAsync(x => x.Id == n.Id, ct);
        if (row is null || row.DeliveredUtc is not null) return;
        var at = clock.GetUtcNow().UtcDateTime;
        if (error is null) row.Delivered(at);
        else
        {
            row.Failed(error, at);
            LogRetry(row.EventId, row.Attempts, error);
        }
        await db.SaveChangesAsync(ct);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox notifier failed; retrying")]
    private partial void LogLoopFailed(Exception e);
}
