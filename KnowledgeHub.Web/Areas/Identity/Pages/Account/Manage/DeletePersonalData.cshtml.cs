using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KnowledgeHub.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>
/// Replaces the default UI's delete page, which would hard-delete the user: for buyers and instructors that fails on
/// the orders and courses that accounting must keep, and for others it would skew cached ratings. Self-service
/// deletion that anonymises instead arrives with the privacy tools (issue 10); until then this page says so and
/// deletes nothing. No POST handler exists, so no form can reach a delete.
/// </summary>
public sealed class DeletePersonalDataModel : PageModel
{
    public void OnGet() { }
}
