using System.ComponentModel.DataAnnotations;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Web.Infrastructure;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The profile: display name, bio, preferred language and avatar, saved through <see cref="ProfileService"/>.</summary>
[Authorize]
[RequestSizeLimit(16 * 1024 * 1024)] // a friendly "too large" from ProfileService up to here; beyond it the server refuses
public sealed class IndexModel(
    ProfileService profiles, SignInManager<ApplicationUser> signInManager, IStringLocalizer<AccountStrings> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public string? AvatarPath { get; private set; }

    /// <summary>A resource key (localized when shown, so a language change shows it in the new language).</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.Required))]
        [StringLength(ApplicationUser.DisplayNameMaxLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.TooLong))]
        [Display(Name = nameof(AccountStrings.DisplayName), ResourceType = typeof(AccountStrings))]
        public string DisplayName { get; set; } = "";

        [StringLength(ApplicationUser.BioMaxLength, ErrorMessageResourceType = typeof(AccountStrings), ErrorMessageResourceName = nameof(AccountStrings.TooLong))]
        [Display(Name = nameof(AccountStrings.Bio), ResourceType = typeof(AccountStrings))]
        public string? Bio { get; set; }

        /// <summary>"zh-CN", "en-US", or empty to follow the browser.</summary>
        [Display(Name = nameof(AccountStrings.PreferredLanguage), ResourceType = typeof(AccountStrings))]
        public string? PreferredCulture { get; set; }

        [Display(Name = nameof(AccountStrings.Avatar), ResourceType = typeof(AccountStrings))]
        public IFormFile? Avatar { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } profile) return NotFound();
        Input = new InputModel { DisplayName = profile.DisplayName, Bio = profile.Bio, PreferredCulture = profile.PreferredCulture };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.GetUserId() is not { } userId || await LoadAsync(ct) is null) return NotFound();
        if (!ModelState.IsValid) return Page();

        // The picture first: if it is refused, nothing has changed yet.
        if (Input.Avatar is { } file)
        {
            await using var stream = file.OpenReadStream();
            var avatar = await profiles.SetAvatarAsync(userId, stream, file.Length, ct);
            if (!ShowError(avatar)) return Page();
        }

        var updated = await profiles.UpdateAsync(userId, Input.DisplayName, Input.Bio, Input.PreferredCulture, ct);
        if (!ShowError(updated))
        {
            await LoadAsync(ct); // the avatar may have changed
            return Page();
        }

        await RefreshSignInAsync(ct);
        StatusMessage = "ProfileUpdated";
        return RedirectToPage();
    }

    /// <summary>The name, language and avatar live in the sign-in cookie: issue it again with the new values.</summary>
    private async Task RefreshSignInAsync(CancellationToken ct)
    {
        var user = await signInManager.UserManager.GetUserAsync(User);
        var profile = await profiles.GetAsync(user!.Id, ct);
        // The user may already be tracked from earlier in this request: copy the fresh values over.
        user.DisplayName = profile!.DisplayName;
        user.Bio = profile.Bio;
        user.PreferredCulture = profile.PreferredCulture;
        user.AvatarPath = profile.AvatarPath;
        await signInManager.RefreshSignInAsync(user);
    }

    private async Task<ProfileModel?> LoadAsync(CancellationToken ct)
    {
        if (User.GetUserId() is not { } userId || await profiles.GetAsync(userId, ct) is not { } profile) return null;
        Email = profile.Email;
        AvatarPath = profile.AvatarPath;
        return profile;
    }

    /// <summary>ProfileService's error (a resource key) in the user's language, beside the field it concerns.</summary>
    private bool ShowError(Result result)
    {
        if (result.Error is not { Message: var key }) return true;
        var field = key switch
        {
            "DisplayNameRequired" or "DisplayNameTooLong" => "Input.DisplayName",
            "BioTooLong" => "Input.Bio",
            "CultureUnsupported" => "Input.PreferredCulture",
            "AvatarEmpty" or "AvatarTooLarge" or "AvatarNotImage" => "Input.Avatar",
            _ => string.Empty,
        };
        ModelState.AddModelError(field, localizer[key]);
        return false;
    }
}
