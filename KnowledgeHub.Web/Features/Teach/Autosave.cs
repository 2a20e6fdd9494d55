namespace KnowledgeHub.Web.Features.Teach;

/// <summary>
/// A component's autosave: <see cref="Schedule"/> after each change runs the save once the changes pause for the delay
/// (on the component's dispatcher); <see cref="FlushAsync"/> runs a waiting save at once (before a workflow action), and
/// disposing runs it too, so leaving the page a moment after typing loses nothing.
/// </summary>
public sealed class Autosave(Func<Func<Task>, Task> invokeAsync, Func<Task> save, TimeSpan delay) : IDisposable
{
    private CancellationTokenSource? pending;

    public bool IsPending => pending is { IsCancellationRequested: false };

    public void Schedule()
    {
        pending?.Cancel();
        pending = new CancellationTokenSource();
        var token = pending.Token;
        _ = Task.Delay(delay, token).ContinueWith(t =>
        {
            if (!t.IsCanceled) _ = invokeAsync(RunAsync);
        }, TaskScheduler.Default);
    }

    public async Task FlushAsync()
    {
        if (!IsPending) return;
        pending!.Cancel();
        await invokeAsync(RunAsync);
    }

    private Task RunAsync()
    {
        pending = null;
        return save();
    }

    public void Dispose()
    {
        if (!IsPending) return;
        pending!.Cancel();
        _ = RunAsync();
    }
}
