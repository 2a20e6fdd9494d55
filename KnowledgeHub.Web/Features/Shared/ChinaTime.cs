using System.Globalization;

namespace KnowledgeHub.Web.Features.Shared;

/// <summary>
/// The business's clock: China Standard Time (UTC+8, no daylight saving). Report days and the dates staff pages show are
/// counted here, whatever time zone the server runs in.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = Find();

    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);

    /// <summary>A stored UTC time as China's wall-clock time.</summary>
    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A stored UTC time as China's date and time in the current culture's short pattern ("2026/11/25 16:00").</summary>
    public static string Format(DateTime utc) => FromUtc(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A stored UTC time as China's date in the current culture's short pattern.</summary>
    public static string FormatDate(DateTime utc) => FromUtc(utc).ToString("d", CultureInfo.CurrentCulture);

    private static TimeZoneInfo Find()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A container without tzdata: China has had no daylight saving since 1991, so a fixed offset is exact.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
