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
}
