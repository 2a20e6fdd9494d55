using System.Globalization;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Features.Shared;

public static class Format
{
    /// <summary>"3 h 20 min" / "3小时20分钟"; under an hour only minutes.</summary>
    public static string Duration(int seconds, IStringLocalizer localizer)
    {
        var minutes = (int)Math.Round(seconds / 60.0);
        return minutes >= 60
            ? string.Format(localizer["DurationHoursMinutes"], minutes / 60, minutes % 60)
            : string.Format(localizer["DurationMinutes"], minutes);
    }

    /// <summary>"512 KB", "12.5 MB", "1.2 GB" (binary units, one decimal from MB up).</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString("N0", CultureInfo.CurrentCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("N0", CultureInfo.CurrentCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1048576.0).ToString("N1", CultureInfo.CurrentCulture) + " MB",
        _ => (bytes / 1073741824.0).ToString("N1", CultureInfo.CurrentCulture) + " GB",
    };
}
