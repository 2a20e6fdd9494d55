using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Orders;

/// <summary>
/// One of the buyer's orders. While it waits for payment the page follows it live: the settlement's in-process signal
/// refreshes it at once, and a 5-second poll covers what a signal cannot (another server, a missed event).
/// </summary>
public sealed partial class OrderPage : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    [Inject] private OrderQueries Orders { get; set; } = default!;
    [Inject] private CheckoutService Checkout { get; set; } = default!;
    [Inject] private RefundService Refunds { get; set; } = default!;
    [Inject] private PaymentGateways Gateways { get; set; } = default!;
    [Inject] private OrderSignals Signals { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter] public string Number { get; set; } = "";
    [SupplyParameterFromQuery(Name = "error")] public string? ErrorCode { get; set; }
    [SupplyParameterFromQuery(Name = "qr")] public int? QrFlag { get; set; }
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    [PersistentState] public OrderDetail? Order { get; set; }

    private readonly CancellationTokenSource stop = new();
    private IReadOnlyList<string> providers = [];
    private List<BreadcrumbItem> crumbs = [];
    private int userId;
    private bool missing, busy, ready, subscribed, polling, canRequestRefund;

    private bool Qr => QrFlag == 1;

    /// <summary>The provider of the last attempt when it is still offered, else the first one.</summary>
    private string? DefaultProvider => providers.Contains(Order?.PaymentMethod) ? Order!.PaymentMethod : providers.FirstOrDefault();

    protected override async Task OnParametersSetAsync()
    {
        userId = (await Auth).User.GetUserId() ?? 0;
        providers = Gateways.Providers;
        crumbs = [new(L["NavMyOrders"], "/orders"), new(Number, null, disabled: true)];
        if (Order is null || Order.Number != Number) await LoadAsync();
        else await LoadEligibilityAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        ready = true;
        Signals.Changed += OnOrderChanged;
        subscribed = true;
        StartPolling();
        StateHasChanged();
        // The prerendered order may have been paid before we subscribed (the buyer comes back from the cashier as the
        // notification lands): look once now rather than at the first poll.
        if (Order is { IsPending: true }) _ = CheckNowAsync();
    }

    private async Task CheckNowAsync()
    {
        try
        {
            var status = await Orders.GetStatusAsync(userId, Number, stop.Token);
            if (status is { } s && Order is { } o && (s.Status != o.Status || s.LastPaymentError != o.LastPaymentError)) await InvokeAsync(RefreshAsync);
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task LoadAsync()
    {
        Order = await Orders.GetForBuyerAsync(userId, Number, stop.Token);
        missing = Order is null;
        if (missing)
        {
            Nav.NotFound();
            return;
        }
        await LoadEligibilityAsync();
    }

    private async Task LoadEligibilityAsync()
    {
        canRequestRefund = Order is { } o && o.Status.IsPaid()
            && (await Refunds.GetEligibilityAsync(userId, o.Number, stop.Token)).Any(e => e.Eligible);
    }

    /// <summary>Polls while the order is open; stops by itself once it is settled (a signal still refreshes it later).</summary>
    private void StartPolling()
    {
        if (polling || Order is not { IsPending: true }) return;
        polling = true;
        _ = PollAsync();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                var status = await Orders.GetStatusAsync(userId, Number, stop.Token);
                if (status is null || Order is null) break;
                if (status.Value.Status != Order.Status || status.Value.LastPaymentError != Order.LastPaymentError)
                    await InvokeAsync(RefreshAsync);
                if (Order is not { IsPending: true }) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            polling = false;
        }
    }

    private void OnOrderChanged(string number)
    {
        if (number != Number) return;
        _ = InvokeAsync(RefreshAsync);
    }

    private async Task RefreshAsync()
    {
        if (stop.IsCancellationRequested) return;
        try
        {
            await LoadAsync();
            StartPolling();
            StateHasChanged();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task CancelAsync()
    {
        if (Order is null || busy) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["MyOrderCancelConfirmTitle"], L["MyOrderCancelConfirmBody"].Value,
            yesText: L["MyOrderCancelConfirmYes"], cancelText: L["MyOrderKeep"]);
        if (confirmed != true) return;
        busy = true;
        try
        {
            var result = await Checkout.CancelAsync(userId, Order.Number);
            Snackbar.Add(result.IsSuccess ? L["MyOrderCancelled"] : L[result.Error!.Message], result.IsSuccess ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task RequestRefundAsync()
    {
        if (Order is null) return;
        var eligibility = await Refunds.GetEligibilityAsync(userId, Order.Number, stop.Token);
        var parameters = new DialogParameters<RefundRequestDialog>
        {
            { d => d.Order, Order },
            { d => d.Eligibility, eligibility },
            { d => d.UserId, userId },
        };
        var dialog = await Dialogs.ShowAsync<RefundRequestDialog>(L["RefundRequestTitle"], parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled) return;
        Snackbar.Add(L["RefundRequestSent"], Severity.Success);
        await LoadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (subscribed) Signals.Changed -= OnOrderChanged;
        await stop.CancelAsync();
        stop.Dispose();
    }
}
