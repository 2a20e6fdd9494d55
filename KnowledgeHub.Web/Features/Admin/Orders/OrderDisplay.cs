using System.Globalization;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Admin.Orders;

/// <summary>How orders, refunds and payment events read on the admin pages: labels from resources, one colour per status.</summary>
public static class OrderDisplay
{
    public static string Status(IStringLocalizer l, OrderStatus status) => l[$"OrderStatus_{status}"];
    public static string Status(IStringLocalizer l, RefundStatus status) => l[$"RefundStatus_{status}"];
    public static string Kind(IStringLocalizer l, PaymentEventKind kind) => l[$"PaymentEventKind_{kind}"];

    /// <summary>"sandbox", "alipay"… as a name people know; an unknown provider shows as stored.</summary>
    public static string Method(IStringLocalizer l, string method)
    {
        var text = l[$"PaymentMethod_{method}"];
        return text.ResourceNotFound ? method : text.Value;
    }

    public static Color Color(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => MudBlazor.Color.Info,
        OrderStatus.Paid => MudBlazor.Color.Success,
        OrderStatus.PartiallyRefunded => MudBlazor.Color.Warning,
        OrderStatus.Refunded => MudBlazor.Color.Secondary,
        OrderStatus.NeedsReview => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static Color Color(RefundStatus status) => status switch
    {
        RefundStatus.Requested => MudBlazor.Color.Warning,
        RefundStatus.Processing => MudBlazor.Color.Info,
        RefundStatus.Succeeded => MudBlazor.Color.Success,
        RefundStatus.Failed => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>
    /// An amount typed in yuan ("49.9", "¥1,049.90") in fen; null when it is not a positive amount with at most two decimals.
    /// Both UI cultures write the decimal point as ".".
    /// </summary>
    public static long? ParseYuan(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = text.Trim().TrimStart('¥', '￥').Trim();
        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var yuan)) return null;
        var fen = yuan * 100m;
        if (fen <= 0 || fen != decimal.Truncate(fen) || fen > long.MaxValue) return null;
        return (long)fen;
    }
}
