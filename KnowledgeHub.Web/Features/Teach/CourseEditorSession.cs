using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;

namespace KnowledgeHub.Web.Features.Teach;

public enum EditorSaveState { Idle, Saving, Saved, Failed, Conflict }

/// <summary>
/// One open course editor (one per page instance): runs its changes one at a time, carries the course's version from
/// one change to the next (a stale version is the service's "someone else saved" conflict), deletes the files a change
/// released, and keeps the state behind the "saved" indicator.
/// </summary>
public sealed class CourseEditorSession(UploadService uploads, TimeProvider clock, int version)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<Func<Task>> flushers = [];

    public int Version { get; private set; } = version;
    public EditorSaveState State { get; private set; }
    public DateTimeOffset? SavedAt { get; private set; }
    /// <summary>The resource key of the last failure's message.</summary>
    public string? ErrorKey { get; private set; }

    /// <summary>Raised after every state change, for the indicator to re-render.</summary>
    public event Action? Changed;

    /// <summary>Runs <paramref name="change"/> with the current version; on success the version moves on.</summary>
    public async Task<Result<AuthoringSaved>> SaveAsync(Func<int, Task<Result<AuthoringSaved>>> change)
    {
        await gate.WaitAsync();
        try
        {
            Set(EditorSaveState.Saving, null);
            var result = await change(Version);
            if (result.IsSuccess)
            {
                Version = result.Value!.Version;
                foreach (var key in result.Value.ReleasedFileKeys) await uploads.DeleteAsync(key, CancellationToken.None);
                SavedAt = clock.GetUtcNow();
                Set(EditorSaveState.Saved, null);
            }
            else Set(result.Error!.Code == "authoring.conflict" ? EditorSaveState.Conflict : EditorSaveState.Failed, result.Error.Message);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// An editor with a delayed autosave registers how to save now; <see cref="FlushAsync"/> runs them before a workflow
    /// action (submit, approve…), so what was just typed is saved and checked first instead of lost. Dispose to leave.
    /// </summary>
    public IDisposable OnFlush(Func<Task> flush)
    {
        lock (flushers) flushers.Add(flush);
        return new Registration(() => { lock (flushers) flushers.Remove(flush); });
    }

    /// <summary>Saves every pending autosave now.</summary>
    public async Task FlushAsync()
    {
        Func<Task>[] pending;
        lock (flushers) pending = [.. flushers];
        foreach (var flush in pending) await flush();
    }

    private sealed class Registration(Action leave) : IDisposable
    {
        public void Dispose() => leave();
    }

    /// <summary>After the page reloaded the course (e.g. following a conflict).</summary>
    public void Reset(int version)
    {
        Version = version;
        Set(EditorSaveState.Idle, null);
    }

    private void Set(EditorSaveState state, string? errorKey)
    {
        State = state;
        ErrorKey = errorKey;
        Changed?.Invoke();
    }
}
