using Microsoft.AspNetCore.Identity;

namespace KnowledgeHub.Domain.Accounts;

public sealed class ApplicationUser : IdentityUser<int>
{
    public const int DisplayNameMaxLength = 60;
    public const int BioMaxLength = 2000;

    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    /// <summary>Relative path of the avatar inside the data folder's uploads, or null for initials.</summary>
    public string? AvatarPath { get; set; }
    /// <summary>"zh-CN" or "en-US"; null follows the browser.</summary>
    public string? PreferredCulture { get; set; }
    /// <summary>Public identifier of instructors (/instructors/{slug}).</summary>
    public string? Slug { get; set; }
    public string? Headline { get; set; }
    public DateTime CreatedUtc { get; set; }
}
