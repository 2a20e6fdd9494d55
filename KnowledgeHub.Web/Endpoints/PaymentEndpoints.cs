using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace KnowledgeHub.Web.Endpoints;

/// <summary>
/// Money over HTTP: provider webhooks (<c>POST /api/payments/webhooks/{provider}</c>), the checkout form
/// (<c>POST /checkout</c>, which places the order and redirects to the provider's cashier) and the sandbox cashier's buttons.
/// Webhooks are verified by the provider's adapter before anything changes, limited in size and rate, and answered the way
/// each provider expects; a failure to store an event answers 500 so the provider retries.
/// </summary>
public static partial class PaymentEndpoints
{
    public const string WebhookRateLimit = "webhooks", CheckoutRateLimit = "checkout";
    /// <summary>Provider notifications are a few kilobytes; anything much larger is not one.</summary>
    public const int WebhookMaxBytes = 64 * 1024;

    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/payments/webhooks/{provider}", ReceiveWebhookAsync)
            .AllowAnonymous().DisableAntiforgery().RequireRateLimiting(WebhookRateLimit)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute()); // providers get plain answers, never the HTML error page

        app.MapPost("/checkout", PlaceOrderAsync).RequireAuthorization().RequireRateLimiting(CheckoutRateLimit);
        app.MapPost("/orders/{number}/pay", PayAgainAsync).RequireAuthorization().RequireRateLimiting(CheckoutRateLimit);

        app.MapPost("/sandbox/cashier/{id}", SandboxActionAsync).AllowAnonymous().RequireRateLimiting(CheckoutRateLimit);
    }

    private static async Task<IResult> ReceiveWebhookAsync(string provider, HttpContext http, PaymentGateways gateways, PaymentSettlement settlement,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var log = loggers.CreateLogger(typeof(PaymentEndpoints));
        if (gateways.Find(provider) is not { } gateway) return Results.Text("unknown payment provider", statusCode: StatusCodes.Status404NotFound);
        if (http.Request.ContentLength > WebhookMaxBytes) return Results.Text("payload too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        var body = await ReadLimitedAsync(http.Request.Body, WebhookMaxBytes, ct);
        if (body is null) return Results.Text("payload too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var parsed = gateway.ParseWebhook(new WebhookRequest(body, http.Request.ContentType, headers));
        if (!parsed.Verified)
        {
            LogRejected(log, provider, parsed.RejectReason ?? "", http.Connection.RemoteIpAddress?.ToString());
            return Reply(gateway.Reply(false));
        }
        foreach (var notification in parsed.Notifications) await settlement.ApplyAsync(notification, ct);
        return Reply(gateway.Reply(true));
    }

    private static IResult Reply(WebhookReply reply) =>
        reply.StatusCode == StatusCodes.Status204NoContent ? Results.NoContent() : Results.Text(reply.Body, reply.ContentType, statusCode: reply.StatusCode);

    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The checkout form: items ("cart", or "c:12,b:3"), coupon, provider and the page's idempotency key.</summary>
    private static async Task<IResult> PlaceOrderAsync([FromForm] CheckoutForm form, HttpContext http, CheckoutService checkout, CartService cart, CancellationToken ct)
    {
        if (http.User.GetUserId() is not { } userId) return Results.Challenge();
        var items = form.Items == "cart" ? (await cart.GetAsync(userId, ct)).Items : CheckoutForm.ParseItems(form.Items);
        var back = "/checkout" + CheckoutForm.Query(form.Items, form.Coupon);
        if (items is null || items.IsEmpty) return Results.Redirect(back + "&error=" + CheckoutErrors.Empty);
        var result = await checkout.PlaceOrderAsync(userId, new CheckoutRequest(items, string.IsNullOrWhiteSpace(form.Coupon) ? null : form.Coupon,
            form.Provider ?? "", form.Key ?? ""), BaseUrl(http), ct);
        if (!result.IsSuccess) return Results.Redirect(back + "&error=" + Uri.EscapeDataString(result.Error!.Code));
        return Results.Redirect(Destination(result.Value!));
    }

    /// <summary>"Pay" on an open order's page: a new attempt with the chosen provider.</summary>
    private static async Task<IResult> PayAgainAsync(string number, [FromForm] string? provider, HttpContext http, CheckoutService checkout, CancellationToken ct)
    {
        if (http.User.GetUserId() is not { } userId) return Results.Challenge();
        var result = await checkout.StartPaymentAsync(userId, number, provider ?? "", BaseUrl(http), ct);
        var page = "/orders/" + Uri.EscapeDataString(number);
        if (!result.IsSuccess) return Results.Redirect(page + "?error=" + Uri.EscapeDataString(result.Error!.Code));
        return Results.Redirect(Destination(result.Value!));
    }

    /// <summary>A redirecting provider's cashier; the order page for a QR code (WeChat) or an order already settled.</summary>
    private static string Destination(PlacedOrder order) => order.Session is { Kind: CheckoutSessionKind.Redirect } session
        ? session.Url
        : "/orders/" + Uri.EscapeDataString(order.Number) + (order.Session is { Kind: CheckoutSessionKind.QrCode } ? "?qr=1" : "");

    private static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/";

    /// <summary>The sandbox cashier's buttons: pay (with a test card), decline, cancel.</summary>
    private static async Task<IResult> SandboxActionAsync(string id, [FromForm] string? action, [FromForm] string? card, SandboxCashier cashier, CancellationToken ct)
    {
        var result = action switch
        {
            "pay" => await cashier.PayAsync(id, card, ct),
            "decline" => await cashier.DeclineAsync(id, SandboxErrors.Declined, "declined by the sandbox (simulated)", ct),
            "cancel" => await cashier.CancelAsync(id, ct),
            _ => null,
        };
        var page = "/sandbox/cashier/" + Uri.EscapeDataString(id);
        if (result is null) return Results.Redirect(page);
        if (result.IsSuccess) return Results.Redirect(result.Value!);
        if (result.Error!.Code == SandboxErrors.NotFound) return Results.NotFound();
        return Results.Redirect(page + "?error=" + Uri.EscapeDataString(result.Error.Code));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a {Provider} webhook from {Address}: {Reason}")]
    private static partial void LogRejected(ILogger log, string provider, string reason, string? address);
}

/// <summary>The checkout page's form. Items: "cart" or a list such as "c:12,c:15,b:3" (courses and bundles).</summary>
public sealed class CheckoutForm
{
    public string Items { get; set; } = "cart";
    public string? Coupon { get; set; }
    public string? Provider { get; set; }
    public string? Key { get; set; }

    public static CheckoutItems? ParseItems(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var courses = new List<int>();
        var bundles = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Length < 3 || part[1] != ':' || !int.TryParse(part.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)) return null;
            if (part[0] == 'c') courses.Add(id);
            else if (part[0] == 'b') bundles.Add(id);
            else return null;
        }
        return courses.Count + bundles.Count > CartItem.MaxItems ? null : new CheckoutItems(courses, bundles);
    }

    /// <summary>The checkout page's query for these items: ?course=12 / ?bundle=3 / ?items=... / nothing for the cart, plus the coupon.</summary>
    public static string Query(string? items, string? coupon)
    {
        var parsed = items == "cart" ? null : ParseItems(items);
        var q = parsed switch
        {
            { CourseIds.Count: 1, BundleIds.Count: 0 } => "?course=" + parsed.CourseIds[0],
            { CourseIds.Count: 0, BundleIds.Count: 1 } => "?bundle=" + parsed.BundleIds[0],
            not null => "?items=" + Uri.EscapeDataString(items!),
            _ => "?from=cart",
        };
        return string.IsNullOrWhiteSpace(coupon) ? q : q + "&coupon=" + Uri.EscapeDataString(coupon.Trim());
    }
}
