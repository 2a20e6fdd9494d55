using System.Data.Common;
using System.Runtime.CompilerServices;
using KnowledgeHub.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>
/// Told after a save that changed what the public catalogue shows (courses and their curriculum, categories, reviews,
/// an instructor's public profile), so that caches of rendered public pages can be dropped at once.
/// </summary>
public interface ICatalogChangeListener
{
    Task CatalogChangedAsync(CancellationToken ct);
}

/// <summary>
/// Watches every save of the store and tells the <see cref="ICatalogChangeListener"/>s once a save that touched public
/// catalogue data is durable: right after SaveChanges, or when the surrounding transaction commits (never for a failed
/// save or a rolled-back transaction, so a cache cannot be refilled with the old state in between). Enrolments,
/// wishlists and a course's enrolment counter are left out on purpose: they change all the time and only move counters,
/// which cached pages may show up to their lifetime late. A listener's failure never fails the save; caches then
/// expire on their own.
/// </summary>
internal sealed partial class CatalogChangeInterceptor(IServiceProvider services, ILogger<CatalogChangeInterceptor> logger)
    : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly HashSet<string> PublicProfile =
        [nameof(ApplicationUser.DisplayName), nameof(ApplicationUser.Bio), nameof(ApplicationUser.AvatarPath), nameof(ApplicationUser.Slug)];
    private static readonly HashSet<string> CourseCounters = [nameof(Course.EnrollmentCount)];

    private enum Stage { Saving, AwaitingCommit }

    // Per context: SavingChanges sees the changes, SavedChanges knows the save worked, TransactionCommitted that it lasts.
    private readonly ConditionalWeakTable<DbContext, StrongBox<Stage>> pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Inspect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Inspect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context)) await NotifyAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context)) NotifyAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Committed(eventData.Context)) NotifyAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Committed(eventData.Context)) await NotifyAsync(cancellationToken);
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Inspect(DbContext? context)
    {
        if (context is null) return;
        if (ChangesPublicData(context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList()))
        {
            if (!pending.TryGetValue(context, out var stage)) pending.Add(context, new StrongBox<Stage>(Stage.Saving));
            else if (stage.Value != Stage.AwaitingCommit) stage.Value = Stage.Saving;
        }
    }

    /// <summary>True when listeners are due now; inside a transaction they wait for the commit.</summary>
    private bool Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var stage)) return false;
        if (context.Database.CurrentTransaction is not null)
        {
            stage.Value = Stage.AwaitingCommit;
            return false;
        }
        pending.Remove(context);
        return true;
    }

    private bool Committed(DbContext? context) =>
        context is not null && pending.TryGetValue(context, out var stage) && stage.Value == Stage.AwaitingCommit && pending.Remove(context);

    private void Forget(DbContext? context)
    {
        // A failed save inside a transaction keeps what earlier saves of that transaction are waiting for.
        if (context is not null && pending.TryGetValue(context, out var stage) && (stage.Value == Stage.Saving || context.Database.CurrentTransaction is null))
            pending.Remove(context);
    }

    /// <summary>
    /// Whether a save shows on public pages. A course counts when it is public before or after the save (so a draft's
    /// autosaves never clear the caches) and more than its enrolment counter changed; its sections and lessons count with
    /// it (the authoring service changes the course's version with every curriculum change, so the course is in the save;
    /// without it they count, to be safe).
    /// </summary>
    internal static bool ChangesPublicData(IReadOnlyList<EntityEntry> entries)
    {
        var courses = entries.Where(e => e.Entity is Course).ToList();
        var curriculumIsPublic = courses.Count == 0 || courses.Any(IsPublicCourseChange);
        return entries.Any(entry => entry.Entity switch
        {
            Course => IsPublicCourseChange(entry),
            Section or Lesson => curriculumIsPublic,
            Category or Review => true,
            ApplicationUser => entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && PublicProfile.Contains(p.Metadata.Name)),
            _ => false,
        });
    }

    private static bool IsPublicCourseChange(EntityEntry entry)
    {
        var status = entry.Property(nameof(Course.Status));
        var wasPublic = entry.State != EntityState.Added && IsListed((CourseStatus)status.OriginalValue!);
        var isPublic = entry.State != EntityState.Deleted && IsListed((CourseStatus)status.CurrentValue!);
        if (!wasPublic && !isPublic) return false;
        return entry.State != EntityState.Modified || entry.Properties.Any(p => p.IsModified && !CourseCounters.Contains(p.Metadata.Name));
    }

    /// <summary>Only published courses have public pages (unlisted, draft and archived ones answer 404).</summary>
    private static bool IsListed(CourseStatus status) => status == CourseStatus.Published;

    private async Task NotifyAsync(CancellationToken ct)
    {
        IEnumerable<ICatalogChangeListener> listeners;
        try
        {
            listeners = services.GetServices<ICatalogChangeListener>().ToList();
        }
        catch (Exception ex)
        {
            LogListenerFailed(ex, nameof(ICatalogChangeListener));
            return;
        }
        foreach (var listener in listeners)
        {
            try
            {
                await listener.CatalogChangedAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // The change is committed; a cache that could not be cleared expires on its own.
                LogListenerFailed(ex, listener.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} failed after a catalogue change; its cache expires on its own")]
    private partial void LogListenerFailed(Exception exception, string listener);
}
