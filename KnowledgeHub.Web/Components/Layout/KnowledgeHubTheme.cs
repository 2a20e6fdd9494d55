using MudBlazor;

namespace KnowledgeHub.Web.Components.Layout;

public static class KnowledgeHubTheme
{
    private static readonly string[] Fonts =
        ["-apple-system", "BlinkMacSystemFont", "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1A5FD0",
            Secondary = "#C2410C",
            Tertiary = "#0B7A6B",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2937",
            Background = "#F6F7FB",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            TextPrimary = "#1F2937",
            TextSecondary = "#4B5563",
            // MudBlazor's default greens and ambers fail WCAG contrast with white text (savings chips, paid status): darker shades.
            Success = "#15803D",
            Warning = "#B45309",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7AA7F5",
            Secondary = "#FF9A5C",
            Tertiary = "#4FD1C5",
            AppbarBackground = "#1B2130",
            Background = "#121722",
            Surface = "#1B2130",
            DrawerBackground = "#1B2130",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
