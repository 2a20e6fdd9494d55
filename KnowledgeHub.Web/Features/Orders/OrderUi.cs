using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments.Sandbox;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Orders;

/// <summary>
/// How the buying pages show orders: error codes that come back in a redirect (<c>?error=checkout.gateway_down</c>) as
/// resource keys, order and refund statuses as chip text and colour, payment providers with their names and icons.
/// </summary>
public static class OrderUi
{
    private static readonly Dictionary<string, string> ErrorKeys = new(StringComparer.Ordinal)
    {
        [CheckoutErrors.Empty] = "CheckoutEmpty",
        [CheckoutErrors.CourseUnavailable] = "CheckoutCourseUnavailable",
        [CheckoutErrors.FreeCourse] = "CheckoutFreeCourse",
        [CheckoutErrors.AlreadyOwned] = "CheckoutAlreadyOwned",
        [CheckoutErrors.OwnCourse] = "CheckoutOwnCourse",
        [CheckoutErrors.BundleUnavailable] = "CheckoutBundleUnavailable",
        [CheckoutErrors.BundleAllOwned] = "CheckoutBundleAllOwned",
        [CheckoutErrors.Duplicate] = "CheckoutDuplicate",
        [CheckoutErrors.ProviderUnavailable] = "CheckoutProviderUnavailable",
        [CheckoutErrors.NotFound] = "OrderNotFound",
        [CheckoutErrors.NotPayable] = "CheckoutBadRequest",
        [CheckoutErrors.GatewayDown] = "CheckoutGatewayDown",
        [CheckoutErrors.TooMany] = "CheckoutTooMany",
        [CouponErrors.NotFound] = "CouponNotFound",
        [CouponErrors.NotStarted] = "CouponNotStarted",
        [CouponErrors.Expired] = "CouponExpired",
        [CouponErrors.UsedUp] = "CouponUsedUp",
        [CouponErrors.UsedByYou] = "CouponUsedByYou",
        [CouponErrors.NotForTheseCourses] = "CouponNotForTheseCourses",
        [CouponErrors.MinimumNotReached] = "CouponMinimumNotReached",
        [CouponErrors.Inactive] = "CouponInactive",
        [SandboxErrors.NotFound] = "SandboxNotFound",
        [SandboxErrors.NotOpen] = "SandboxNotOpen",
        [SandboxErrors.BadCard] = "SandboxBadCard",
        [SandboxErrors.Declined] = "SandboxDeclined",
        [SandboxErrors.InsufficientFunds] = "SandboxInsufficientFunds",
    };

    /// <summary>The resource key for an error code from a redirect; unknown codes get a general message (never the raw code).</summary>
    public static string ErrorKey(string? code) => code is not null && ErrorKeys.TryGetValue(code, out var key) ? key : "MyOrderErrorGeneric";

    public static string StatusKey(OrderStatus status) => "MyOrderStatus" + status;

    public static Color StatusColor(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => Color.Warning,
        OrderStatus.Paid => Color.Success,
        OrderStatus.PartiallyRefunded => Color.Info,
        OrderStatus.Refunded => Color.Secondary,
        OrderStatus.NeedsReview => Color.Error,
        _ => Color.Default,
    };

    public static string StatusIcon(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => Icons.Material.Outlined.HourglassTop,
        OrderStatus.Paid => Icons.Material.Filled.CheckCircle,
        OrderStatus.PartiallyRefunded or OrderStatus.Refunded => Icons.Material.Outlined.Undo,
        OrderStatus.NeedsReview => Icons.Material.Outlined.ReportProblem,
        _ => Icons.Material.Outlined.Block,
    };

    public static string RefundStatusKey(RefundStatus status) => "MyRefundStatus" + status;

    public static Color RefundStatusColor(RefundStatus status) => status switch
    {
        RefundStatus.Requested or RefundStatus.Processing => Color.Warning,
        RefundStatus.Succeeded => Color.Success,
        RefundStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>"PayMethodSandbox", "PayMethodAlipay"…: the provider's name in the user's language.</summary>
    public static string ProviderKey(string provider) => provider switch
    {
        "sandbox" => "PayMethodSandbox",
        "alipay" => "PayMethodAlipay",
        "wechat" => "PayMethodWeChat",
        "stripe" => "PayMethodStripe",
        "free" => "PayMethodFree",
        _ => "PayMethodOther",
    };

    public static string ProviderIcon(string provider) => provider switch
    {
        "sandbox" => Icons.Material.Outlined.Science,
        "alipay" => Icons.Material.Outlined.AccountBalanceWallet,
        "wechat" => Icons.Material.Outlined.QrCode2,
        "stripe" => Icons.Material.Outlined.CreditCard,
        "free" => Icons.Material.Outlined.Redeem,
        _ => Icons.Material.Outlined.Payments,
    };

    /// <summary>The provider's hint under its name ("Test payments, no real money", "Card payments via Stripe").</summary>
    public static string ProviderHintKey(string provider) => ProviderKey(provider) + "Hint";

    /// <summary>The small cover picture of an uploaded cover key, or null for generated art.</summary>
    public static string? CoverUrl(string? coverImageKey) => coverImageKey is { } key
        ? "/media/covers/" + (KnowledgeHub.Domain.Storage.CoverImages.KeyFor(key, KnowledgeHub.Domain.Storage.CoverImages.Small) ?? key)
        : null;

    public static string LoginHref(string relativeUrl) => "/Identity/Account/Login?returnUrl=" + Uri.EscapeDataString(relativeUrl);
}
