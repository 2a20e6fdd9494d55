namespace KnowledgeHub.Domain.Analytics;

public enum BehaviorEventType
{
    Visit = 0, CourseView = 1, Search = 2, SearchClick = 3, WishlistAdd = 4, WishlistRemove = 5,
    AddToCart = 6, CheckoutStarted = 7, Purchase = 8, LessonProgress = 9, SignUp = 10, PreviewOpen = 11,
}

/// <summary>
/// One thing a visitor or learner did: the raw material for analytics and recommendations. Append-only: rows are
/// inserted (by <see cref="EventRecorder"/> or the demo seed) and never updated.
/// </summary>
public sealed class BehaviorEvent
{
    public const int IdMaxLength = 40;
    public const int QueryMaxLength = 200;

    private BehaviorEvent() { }

    public BehaviorEvent(BehaviorEventType type, string visitorId, int? userId, int? courseId, DateTime occurredUtc,
        string? query = null, string? source = null, string? medium = null, string? campaign = null, string? device = null,
        string? landingPath = null, int? value = null, string? sessionId = null, string? propertiesJson = null)
    {
        Type = type;
        VisitorId = visitorId;
        UserId = userId;
        CourseId = courseId;
        OccurredUtc = occurredUtc;
        Query = query;
        Source = source;
        Medium = medium;
        Campaign = campaign;
        Device = device;
        LandingPath = landingPath;
        Value = value;
        SessionId = sessionId;
        PropertiesJson = propertiesJson;
    }

    public long Id { get; private set; }
    public BehaviorEventType Type { get; private set; }
    /// <summary>Anonymous visitor cookie id; ties events before sign-in to those after it.</summary>
    public string VisitorId { get; private set; } = "";
    /// <summary>One visit of a visitor (a session cookie); null when the caller does not know it.</summary>
    public string? SessionId { get; private set; }
    public int? UserId { get; private set; }
    public int? CourseId { get; private set; }
    public string? Query { get; private set; }
    public string? Source { get; private set; }
    public string? Medium { get; private set; }
    public string? Campaign { get; private set; }
    /// <summary>desktop, mobile or tablet.</summary>
    public string? Device { get; private set; }
    public string? LandingPath { get; private set; }
    /// <summary>A number that depends on the type: result count for searches, percent for progress.</summary>
    public int? Value { get; private set; }
    /// <summary>Anything else about the event, as a JSON object (System.Text.Json); null when there is nothing.</summary>
    public string? PropertiesJson { get; private set; }
    public DateTime OccurredUtc { get; private set; }
}
