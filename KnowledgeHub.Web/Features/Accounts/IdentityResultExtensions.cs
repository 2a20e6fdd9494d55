using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Features.Accounts;

public static class IdentityResultExtensions
{
    /// <summary>
    /// Puts Identity's errors beside the field they concern: e-mail and user-name errors beside <paramref name="emailField"/>,
    /// password-rule errors (including <see cref="CommonPasswordValidator"/>'s) beside <paramref name="passwordField"/>,
    /// "incorrect password" beside <paramref name="currentPasswordField"/>; the rest (invalid token…) go to the summary.
    /// The user name is the e-mail address, so a user-name error is dropped when the matching e-mail error is there.
    /// </summary>
    public static void AddToModelState(this IdentityResult result, ModelStateDictionary modelState, IStringLocalizer<AccountStrings> localizer,
        string? emailField = null, string? passwordField = null, string? currentPasswordField = null)
    {
        var codes = result.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.DuplicateUserName) && codes.Contains(nameof(IdentityErrorDescriber.DuplicateEmail))) continue;
            if (error.Code == nameof(IdentityErrorDescriber.InvalidUserName) && codes.Contains(nameof(IdentityErrorDescriber.InvalidEmail))) continue;

            var field = error.Code switch
            {
                nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)
                    or nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => emailField,
                nameof(IdentityErrorDescriber.PasswordMismatch) => currentPasswordField,
                CommonPasswordValidator.ErrorCode => passwordField,
                _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => passwordField,
                _ => null,
            };
            modelState.AddModelError(field ?? string.Empty, Describe(error, localizer));
        }
    }

    /// <summary>The error in the request's language; validators outside Identity bring their own English text.</summary>
    public static string Describe(IdentityError error, IStringLocalizer<AccountStrings> localizer) =>
        error.Code == CommonPasswordValidator.ErrorCode ? localizer["IdentityError.CommonPassword"] : error.Description;
}
