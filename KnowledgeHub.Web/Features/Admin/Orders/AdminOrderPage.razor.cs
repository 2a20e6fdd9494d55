using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Admin.Orders;

/// <summary>
/// Admins: one order in full (buyer, totals, lines, refunds, status history, the provider's events) and what may be done
/// with it: refund lines or an amount, accept a payment that needs review, approve or decline a learner's refund request.
/// Every action reloads the order, so the page always shows what the database holds.
/// </summary>
public partial class AdminOrderPage
{
    [Inject] private OrderQueries Orders { get; set; } = default!;
    [Inject] private RefundService Refunds { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    [Parameter] public string Number { get; set; } = "";

    /// <summary>Loaded during prerender and carried into the circuit.</summary>
    [PersistentState] public OrderDetail? Order { get; set; }

    private int adminId;
    private bool denied, missing, busy;

    /// <summary>What may still go back: paid minus refunded minus refunds on their way (the service checks the same).</summary>
    private Money Refundable => Order is not { } o ? Money.Zero()
        : o.Refunds.Where(r => r.Status == RefundStatus.Processing).Aggregate(o.Refundable, (left, r) => left.Subtract(r.Amount));

    private bool CanRefund => Refundable.MinorUnits > 0;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Auth).User;
        adminId = user.GetUserId() ?? 0;
        // The query answers null both for "not an admin" and "no such order"; the role tells the two apart for the view.
        denied = !user.IsInRole(Roles.Admin);
        if (denied) return;
        if (Order?.Number != Number) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Order = await Orders.GetForAdminAsync(adminId, Number, CancellationToken.None);
        missing = Order is null;
        if (missing) Nav.NotFound();
    }

    private string LineTitles(IReadOnlyList<int> lineIds) =>
        string.Join(L["ListSeparator"], Order!.Lines.Where(l => lineIds.Contains(l.Id)).Select(l => l.Title));

    private async Task RefundAsync()
    {
        if (Order is not { } order) return;
        var input = await RefundOrderDialog.AskAsync(Dialogs, string.Format(L["RefundDialogTitle"], order.Number), order, Refundable);
        if (input is null) return;
        busy = true;
        var result = await Refunds.RefundAsync(adminId, order.Number, input, CancellationToken.None);
        busy = false;
        ShowRefundResult(Snackbar, L, result);
        await LoadAsync();
    }

    private async Task AcceptPaymentAsync()
    {
        if (Order is not { } order) return;
        var note = await OrderNoteDialog.AskAsync(Dialogs, L["AcceptPaymentTitle"],
            string.Format(L["AcceptPaymentIntro"], order.PaidAmount.Format(), order.Total.Format()), L["AcceptPaymentNoteLabel"], L["OrderAcceptPayment"], Color.Success);
        if (note is null) return;
        await RunAsync(() => Refunds.AcceptPaymentAsync(adminId, order.Number, note, CancellationToken.None), L["AcceptPaymentDone"]);
    }

    private async Task ApproveAsync(RefundView refund)
    {
        if (Order is not { } order) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["RefundApproveTitle"],
            string.Format(L["RefundApproveConfirm"], refund.Amount.Format(), order.BuyerName, refund.Number), yesText: L["RefundApprove"], cancelText: L["Cancel"]);
        if (confirmed != true) return;
        busy = true;
        var result = await Refunds.ApproveAsync(adminId, order.Number, refund.Number, CancellationToken.None);
        busy = false;
        ShowRefundResult(Snackbar, L, result);
        await LoadAsync();
    }

    private async Task DeclineAsync(RefundView refund)
    {
        if (Order is not { } order) return;
        var note = await OrderNoteDialog.AskAsync(Dialogs, L["RefundDeclineTitle"],
            string.Format(L["RefundDeclineIntro"], order.BuyerName, refund.Amount.Format()), L["RefundDeclineReasonLabel"], L["RefundDecline"], Color.Error);
        if (note is null) return;
        await RunAsync(() => Refunds.DeclineAsync(adminId, order.Number, refund.Number, note, CancellationToken.None),
            string.Format(L["RefundDeclined"], refund.Number));
    }

    private async Task RunAsync(Func<Task<Result>> action, string done)
    {
        busy = true;
        var result = await action();
        busy = false;
        Snackbar.Add(result.IsSuccess ? done : L[result.Error!.Message], result.IsSuccess ? Severity.Success : Severity.Warning);
        await LoadAsync();
    }

    /// <summary>A refund went through, is still with the provider, or failed (with the reason in the admin's language).</summary>
    internal static void ShowRefundResult(ISnackbar snackbar, Microsoft.Extensions.Localization.IStringLocalizer l, Result<RefundResult> result)
    {
        if (!result.IsSuccess) snackbar.Add(l[result.Error!.Message], Severity.Error);
        else if (result.Value!.Status == RefundStatus.Succeeded) snackbar.Add(string.Format(l["RefundSucceeded"], result.Value.Number), Severity.Success);
        else snackbar.Add(string.Format(l["RefundProcessing"], result.Value.Number), Severity.Info);
    }
}
