using System.Text.Json;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Analytics;

/// <summary>
/// What a page reports about its own view (sent by the browser after the page loaded, so the page itself can be served
/// from a shared cache): the page's path and query, the referrer and the events the page declared.
/// </summary>
public sealed record PageBeacon(string? Path, string? Referrer, IReadOnlyList<PageEvent>? Events);

/// <summary>One event a page declares: type name, course, query text, a number and a few short properties.</summary>
public sealed record PageEvent(string? Type, int? Course, string? Query, int? Value, IReadOnlyDictionary<string, string>? Props);

/// <summary>The request the beacon came with: who, on what device, whether it starts a new visit, the site's host.</summary>
public sealed record BeaconContext(VisitorIdentity Who, string Device, bool NewSession, string Host);

/// <summary>
/// Records what pages report through <see cref="PageBeacon"/>: a Visit event (landing page, source, medium, campaign
/// from the UTM parameters or the referrer's domain) when a new session starts, and the page's own events. Anyone can
/// send a beacon, so everything is checked: only the page event types below, at most <see cref="MaxEvents"/> per
/// beacon, courses that exist and are published, clipped text, a few properties with short names (values clipped). A beacon that fails a check
/// records nothing.
/// </summary>
public sealed class PageEventService(IDbContextFactory<KnowledgeHubDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxEvents = 4;
    public const int MaxProperties = 6;
    public const int MaxPropertyLength = 64;
    public const int MaxPathLength = 400;

    private static readonly Dictionary<string, BehaviorEventType> PageTypes = new(StringComparer.Ordinal)
    {
        ["CourseView"] = BehaviorEventType.CourseView,
        ["Search"] = BehaviorEventType.Search,
        ["SearchClick"] = BehaviorEventType.SearchClick,
        ["PreviewOpen"] = BehaviorEventType.PreviewOpen,
    };

    public async Task<Result> RecordAsync(PageBeacon beacon, BeaconContext context, CancellationToken ct)
    {
        var declared = beacon.Events ?? [];
        if (declared.Count > MaxEvents) return Result.Fail("beacon.too-many", "BeaconInvalid");
        if (beacon.Path is not { Length: > 0 and <= MaxPathLength } path || path[0] != '/') return Result.Fail("beacon.path", "BeaconInvalid");

        var parsed = new List<(BehaviorEventType Type, PageEvent Event)>();
        foreach (var e in declared)
        {
            if (e.Type is null || !PageTypes.TryGetValue(e.Type, out var type)) return Result.Fail("beacon.type", "BeaconInvalid");
            var needsCourse = type != BehaviorEventType.Search;
            if (needsCourse != e.Course.HasValue) return Result.Fail("beacon.course", "BeaconInvalid");
            if (e.Value is < 0) return Result.Fail("beacon.value", "BeaconInvalid");
            if (e.Props is { } props && (props.Count > MaxProperties || props.Any(p => p.Key.Length is 0 or > MaxPropertyLength)))
                return Result.Fail("beacon.props", "BeaconInvalid");
            parsed.Add((type, e));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var who = context.Who;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var courseIds = parsed.Where(p => p.Event.Course.HasValue).Select(p => p.Event.Course!.Value).Distinct().ToList();
        if (courseIds.Count > 0)
        {
            var published = await db.Courses.CountAsync(c => courseIds.Contains(c.Id) && c.Status == CourseStatus.Published, ct);
            if (published != courseIds.Count) return Result.Fail("beacon.course", "BeaconInvalid");
        }

        if (context.NewSession)
        {
            var (source, medium, campaign) = Attribution(path, beacon.Referrer, context.Host);
            db.BehaviorEvents.Add(new BehaviorEvent(BehaviorEventType.Visit, EventRecorder.Clip(who.VisitorId, BehaviorEvent.IdMaxLength)!, who.UserId, null, now,
                source: source, medium: medium, campaign: campaign, device: context.Device, landingPath: EventRecorder.Clip(PathOnly(path), BehaviorEvent.QueryMaxLength),
                sessionId: EventRecorder.Clip(who.SessionId, BehaviorEvent.IdMaxLength)));
        }
        foreach (var (type, e) in parsed)
        {
            var props = e.Props is { Count: > 0 } p
                ? JsonSerializer.Serialize(p.ToDictionary(x => x.Key, x => EventRecorder.Clip(x.Value, MaxPropertyLength)), EventRecorder.Json) : null;
            db.BehaviorEvents.Add(new BehaviorEvent(type, EventRecorder.Clip(who.VisitorId, BehaviorEvent.IdMaxLength)!, who.UserId, e.Course, now,
                query: EventRecorder.Clip(e.Query?.Trim(), BehaviorEvent.QueryMaxLength), device: context.Device, value: e.Value,
                sessionId: EventRecorder.Clip(who.SessionId, BehaviorEvent.IdMaxLength), propertiesJson: props));
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// Where a visit came from: the page's utm_source/utm_medium/utm_campaign when present; else the referrer's domain
    /// (medium "referral") when it is another site; else "direct".
    /// </summary>
    internal static (string Source, string? Medium, string? Campaign) Attribution(string path, string? referrer, string host)
    {
        var query = path.IndexOf('?') is var q and >= 0 ? System.Web.HttpUtility.ParseQueryString(path[(q + 1)..]) : null;
        if (query?["utm_source"] is { Length: > 0 } utmSource)
            return (EventRecorder.Clip(utmSource, 100)!, EventRecorder.Clip(query["utm_medium"], 100), EventRecorder.Clip(query["utm_campaign"], 100));
        if (Uri.TryCreate(referrer, UriKind.Absolute, out var from) && from.Scheme is "http" or "https"
            && !string.Equals(from.Host, host, StringComparison.OrdinalIgnoreCase))
            return (EventRecorder.Clip(from.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? from.Host[4..] : from.Host, 100)!, "referral", null);
        return ("direct", null, null);
    }

    private static string PathOnly(string path) => path.IndexOf('?') is var q and >= 0 ? path[..q] : path;
}
