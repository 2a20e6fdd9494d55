using KnowledgeHub.Domain.Catalog;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Shared;

/// <summary>The icon of a lesson kind, the same on the course page, in the editor and in the player.</summary>
public static class LessonKindIcon
{
    public static string For(LessonKind kind) => kind switch
    {
        LessonKind.Video => Icons.Material.Outlined.PlayCircle,
        LessonKind.Article => Icons.Material.Outlined.Article,
        LessonKind.File => Icons.Material.Outlined.AttachFile,
        _ => Icons.Material.Outlined.Quiz,
    };
}
