using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace KnowledgeHub.Web.Features.Orders;

/// <summary>
/// The order history's system reasons are written by the domain in English ("payment window passed", "refund RF… ¥10.00:
/// …"); this shows them in the reader's language. Free text people typed (refund reasons, admin notes) stays as typed.
/// </summary>
public static partial class OrderHistoryText
{
    private static readonly (Regex Pattern, string Key)[] Rules =
    [
        (Placed(), "HistoryPlaced"),
        (Paid(), "HistoryPaid"),
        (PaidAfterClose(), "HistoryPaidAfterClose"),
        (PaidWrongAmount(), "HistoryPaidWrongAmount"),
        (CancelledByBuyer(), "HistoryCancelledByBuyer"),
        (WindowPassed(), "HistoryExpired"),
        (ClosedAtProvider(), "HistoryClosedAtProvider"),
        (RefundRequested(), "HistoryRefundRequested"),
        (RefundDeclined(), "HistoryRefundDeclined"),
        (RefundFailed(), "HistoryRefundFailed"),
        (Refunded(), "HistoryRefunded"),
        (SecondPayment(), "HistorySecondPayment"),
        (IgnoredRefund(), "HistoryIgnoredRefund"),
    ];

    public static string Localize(string reason, IStringLocalizer localizer)
    {
        foreach (var (pattern, key) in Rules)
        {
            var match = pattern.Match(reason);
            if (!match.Success) continue;
            var args = match.Groups.Cast<Group>().Skip(1).Select(g => (object)g.Value).ToArray();
            return string.Format(localizer[key], args);
        }
        return reason;
    }

    [GeneratedRegex("^placed$")] private static partial Regex Placed();
    [GeneratedRegex("^paid$")] private static partial Regex Paid();
    [GeneratedRegex("^paid after the order had closed$")] private static partial Regex PaidAfterClose();
    [GeneratedRegex("^paid (.+) but the order total is (.+)$")] private static partial Regex PaidWrongAmount();
    [GeneratedRegex("^cancelled by the buyer$")] private static partial Regex CancelledByBuyer();
    [GeneratedRegex("^payment window passed$")] private static partial Regex WindowPassed();
    [GeneratedRegex("^closed at the payment provider(?:: (.*))?$", RegexOptions.Singleline)] private static partial Regex ClosedAtProvider();
    [GeneratedRegex(@"^refund (\S+) of (.+) requested by the buyer$")] private static partial Regex RefundRequested();
    [GeneratedRegex(@"^refund (\S+) declined: (.*)$", RegexOptions.Singleline)] private static partial Regex RefundDeclined();
    [GeneratedRegex(@"^refund (\S+) failed: (.*)$", RegexOptions.Singleline)] private static partial Regex RefundFailed();
    [GeneratedRegex(@"^refund (\S+) (-?(?:¥|[A-Z]{3} )[\d,.]+): (.*)$", RegexOptions.Singleline)] private static partial Regex Refunded();
    [GeneratedRegex(@"^a second payment (\S*) of (.+) arrived at (\S+) for an order already settled: refund it there$")] private static partial Regex SecondPayment();
    [GeneratedRegex(@"^ignored refund (\S+) of (.+): more than is left to refund$")] private static partial Regex IgnoredRefund();
}
