using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Payments.Sandbox;

/// <summary>What the simulated 收银台 shows.</summary>
public sealed record SandboxCashierView(string PaymentId, string OrderNumber, string Subject, Money Amount, SandboxPaymentStatus Status,
    bool IsExpired, string? LastDecline, string ReturnUrl);

public static class SandboxCards
{
    /// <summary>Pays.</summary>
    public const string Success = "4242424242424242";
    /// <summary>Declined by the issuing bank.</summary>
    public const string Declined = "4000000000000002";
    /// <summary>Declined: insufficient funds.</summary>
    public const string InsufficientFunds = "4000000000009995";

    public static string Normalize(string? number) => new((number ?? "").Where(char.IsAsciiDigit).ToArray());

    public static bool PassesLuhn(string digits)
    {
        if (digits.Length is < 12 or > 19) return false;
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }
}

public static class SandboxErrors
{
    public const string NotFound = "sandbox.not_found", NotOpen = "sandbox.not_open", BadCard = "sandbox.bad_card",
        Declined = "sandbox.declined", InsufficientFunds = "sandbox.insufficient_funds";
}

/// <summary>
/// The cashier's buttons. Paying with a test card marks the sandbox payment paid and queues a signed notification in one
/// transaction; the notifier then delivers it to the merchant's webhook. Declines queue a failure notification and leave
/// the payment open for another try; cancelling closes it.
/// </summary>
public sealed class SandboxCashier(IDbContextFactory<KnowledgeHubDbContext> dbFactory, SandboxNotifier notifier, TimeProvider clock)
{
    public async Task<SandboxCashierView?> GetAsync(string paymentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var p = await db.SandboxPayments.AsNoTracking().SingleOrDefaultAsync(x => x.Id == paymentId, ct);
        return p is null ? null : new SandboxCashierView(p.Id, p.OrderNumber, p.Subject, p.Amount, p.Status,
            p.Status == SandboxPaymentStatus.Open && !p.IsOpen(clock.GetUtcNow().UtcDateTime), p.LastDecline, p.ReturnUrl);
    }

    /// <summary>Pays with a card number; Ok carries the URL to send the buyer back to.</summary>
    public async Task<Result<string>> PayAsync(string paymentId, string? cardNumber, CancellationToken ct = default)
    {
        var card = SandboxCards.Normalize(cardNumber);
        if (!SandboxCards.PassesLuhn(card)) return Result<string>.Fail(SandboxErrors.BadCard, "SandboxBadCard");
        return card switch
        {
            SandboxCards.Declined => await DeclineAsync(paymentId, SandboxErrors.Declined, "card declined by the issuing bank", ct),
            SandboxCards.InsufficientFunds => await DeclineAsync(paymentId, SandboxErrors.InsufficientFunds, "insufficient funds", ct),
            _ => await ChangeAsync(paymentId, (db, p, now) =>
            {
                p.Pay(now);
                SandboxGateway.Enqueue(db, p, SandboxEventTypes.Succeeded, p.Amount, now);
                return null;
            }, ct),
        };
    }

    /// <summary>The "simulate a decline" button, or a declining test card: the buyer stays on the cashier with the reason.</summary>
    public Task<Result<string>> DeclineAsync(string paymentId, string code, string reason, CancellationToken ct = default) =>
        ChangeAsync(paymentId, (db, p, now) =>
        {
            p.Decline(reason);
            SandboxGateway.Enqueue(db, p, SandboxEventTypes.Failed, p.Amount, now, message: reason);
            return code;
        }, ct);

    public Task<Result<string>> CancelAsync(string paymentId, CancellationToken ct = default) =>
        ChangeAsync(paymentId, (db, p, now) =>
        {
            p.Close();
            SandboxGateway.Enqueue(db, p, SandboxEventTypes.Cancelled, p.Amount, now, message: "cancelled at the cashier");
            return null;
        }, ct);

    private async Task<Result<string>> ChangeAsync(string paymentId, Func<KnowledgeHubDbContext, SandboxPayment, DateTime, string?> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var payment = await db.SandboxPayments.SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return Result<string>.Fail(SandboxErrors.NotFound, "SandboxNotFound");
        var now = clock.GetUtcNow().UtcDateTime;
        if (!payment.IsOpen(now)) return Result<string>.Fail(SandboxErrors.NotOpen, "SandboxNotOpen");
        var failure = change(db, payment, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        notifier.Wake();
        return failure is null ? Result.Ok(payment.ReturnUrl) : Result<string>.Fail(failure, failure == SandboxErrors.InsufficientFunds ? "SandboxInsufficientFunds" : "SandboxDeclined");
    }
}
