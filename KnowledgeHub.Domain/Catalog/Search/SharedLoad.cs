namespace KnowledgeHub.Domain.Catalog.Search;

/// <summary>
/// A value loaded by at most one task at a time. <see cref="LoadAsync"/> joins the running load or starts one on the
/// caller's thread; <see cref="RefreshInBackground"/> starts one on the thread pool while callers keep using
/// <see cref="Current"/>. A failed load fails only the callers waiting for it (a background failure goes to the error
/// callback) and leaves <see cref="Current"/> as it was; the next call starts again.
/// </summary>
internal sealed class SharedLoad<T>(Func<CancellationToken, Task<T>> load, Action<Exception> onBackgroundError) where T : class
{
    private readonly Lock gate = new();
    private Task<T>? running;
    private volatile T? current;

    /// <summary>The last value loaded, or null before the first load has finished.</summary>
    public T? Current => current;

    /// <summary>The running or a new load. The token only stops this caller's wait, never a load others may share.</summary>
    public Task<T> LoadAsync(CancellationToken ct) => Start(background: false).WaitAsync(ct);

    /// <summary>Starts a load on the thread pool unless one is running; the returned task never faults.</summary>
    public Task RefreshInBackground() => Start(background: true).ContinueWith(
        t => { if (t.Exception is { } e) onBackgroundError(e.InnerException ?? e); },
        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private Task<T> Start(bool background)
    {
        TaskCompletionSource<T> completion;
        lock (gate)
        {
            if (running is { IsCompleted: false }) return running;
            completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            running = completion.Task;
        }
        if (background) _ = Task.Run(() => RunAsync(completion));
        else _ = RunAsync(completion);
        return completion.Task;
    }

    private async Task RunAsync(TaskCompletionSource<T> completion)
    {
        try
        {
            var value = await load(CancellationToken.None);
            current = value;
            completion.SetResult(value);
        }
        catch (Exception ex)
        {
            completion.SetException(ex);
        }
    }
}
