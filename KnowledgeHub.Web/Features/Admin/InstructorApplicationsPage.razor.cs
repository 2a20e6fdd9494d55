using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Admin;

/// <summary>Admins: pending applications to teach (approve, or decline with a reason) and granting the role by e-mail.</summary>
public partial class InstructorApplicationsPage
{
    [Inject] private InstructorApplicationService Applications { get; set; } = default!;
    [Inject] private UserLookup Users { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    /// <summary>Loaded during prerender and carried into the circuit.</summary>
    [PersistentState] public IReadOnlyList<InstructorApplicationModel>? Pending { get; set; }

    private int adminId;
    private bool denied, busy, notFound;
    private string email = "";
    private string? emailError;
    private UserMatch? match;

    protected override async Task OnInitializedAsync()
    {
        adminId = (await Auth).User.GetUserId() ?? 0;
        if (Pending is null) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var result = await Applications.GetPendingAsync(adminId, CancellationToken.None);
        denied = !result.IsSuccess;
        Pending = result.Value;
    }

    private async Task ApproveAsync(InstructorApplicationModel application)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["ApplicationApproveTitle"],
            string.Format(L["ApplicationApproveConfirm"], application.DisplayName), yesText: L["ApplicationApprove"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        await RunAsync(() => Applications.ApproveAsync(adminId, application.Id, CancellationToken.None),
            string.Format(L["InstructorGranted"], application.DisplayName));
    }

    private async Task DeclineAsync(InstructorApplicationModel application)
    {
        var reason = await DeclineApplicationDialog.AskAsync(Dialogs, L["DeclineDialogTitle"], application.DisplayName);
        if (reason is null) return;
        await RunAsync(() => Applications.DeclineAsync(adminId, application.Id, reason, CancellationToken.None),
            string.Format(L["ApplicationDeclined"], application.DisplayName));
    }

    private async Task FindAsync()
    {
        match = null;
        notFound = false;
        emailError = string.IsNullOrWhiteSpace(email) ? L["GrantEmailRequired"].Value : null;
        if (emailError is not null) return;
        busy = true;
        match = await Users.FindByEmailAsync(adminId, email, CancellationToken.None);
        busy = false;
        notFound = match is null;
    }

    private async Task GrantAsync()
    {
        if (match is not { } user) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["GrantTitle"], string.Format(L["GrantConfirm"], user.DisplayName, user.Email),
            yesText: L["GrantButton"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        var granted = await RunAsync(() => Applications.GrantInstructorAsync(adminId, user.Id, CancellationToken.None),
            string.Format(L["InstructorGranted"], user.DisplayName));
        if (granted) match = user with { IsInstructor = true };
    }

    /// <summary>Runs a decision, tells how it went, and reloads the list (a failure usually means it changed meanwhile).</summary>
    private async Task<bool> RunAsync(Func<Task<Result>> action, string done)
    {
        busy = true;
        var result = await action();
        busy = false;
        Snackbar.Add(result.IsSuccess ? done : L[result.Error!.Message], result.IsSuccess ? Severity.Success : Severity.Warning);
        await LoadAsync();
        return result.IsSuccess;
    }

    private static string Initial(string name) => string.IsNullOrWhiteSpace(name) ? "?" : name.Trim()[..1].ToUpperInvariant();
}
