namespace KnowledgeHub.Domain.Analytics;

/// <summary>
/// Who did something: the anonymous visitor cookie id (kept across sign-in), the current visit's session id when known,
/// and the signed-in user when there is one.
/// </summary>
public sealed record VisitorIdentity(string VisitorId, string? SessionId, int? UserId)
{
    /// <summary>
    /// For server-side actions of a signed-in user whose visitor cookie the caller does not have: a stable
    /// per-user visitor id ("u-{id}"), so the user's events still group together.
    /// </summary>
    public static VisitorIdentity ForUser(int userId, string? sessionId = null) => new($"u-{userId}", sessionId, userId);
}
