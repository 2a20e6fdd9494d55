using System.Net;
using System.Text;
using System.Text.Json;
using KnowledgeHub.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sdk = global::Stripe;
using SdkCheckout = global::Stripe.Checkout;

namespace KnowledgeHub.Domain.Payments.Stripe;

/// <summary>
/// Stripe Checkout behind <see cref="IPaymentGateway"/>, on Stripe.net 53. One hosted Checkout Session per payment
/// attempt (cs_...), the PaymentIntent (pi_...) as the provider payment id, refunds against the PaymentIntent.
/// Webhooks are verified with the endpoint's signing secret against the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// Our order number travels as <c>client_reference_id</c> and <c>metadata.order_number</c> on the session, and as
/// <c>payment_intent_data.metadata.order_number</c> on the PaymentIntent. Stripe does not promise to copy PaymentIntent
/// metadata to its charges, so for <c>charge.refunded</c> the order number is looked for on the charge's metadata and
/// then on the refunds' metadata (refunds made through <see cref="RefundAsync"/> carry it); a refund event that names
/// no order of ours is accepted with no notifications.
/// </remarks>
public sealed partial class StripeGateway : IPaymentGateway, IDisposable
{
    public const string ProviderName = "stripe";
    public const string SignatureHeader = "Stripe-Signature";
    internal const string OrderNumberKey = "order_number";
    internal const string RefundNumberKey = "refund_number";

    /// <summary>Stripe accepts expires_at from 30 minutes to 24 hours after the session is created. We keep a minute of
    /// margin on both ends for the time the request spends on the wire and for clock skew.</summary>
    internal static readonly TimeSpan MinSessionLifetime = TimeSpan.FromMinutes(31);
    internal static readonly TimeSpan MaxSessionLifetime = TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StripeGatewayOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<StripeGateway> logger;
    private readonly HttpClient http;
    private readonly SdkCheckout.SessionService sessions;
    private readonly Sdk.RefundService refunds;

    public StripeGateway(IOptions<StripeGatewayOptions> options, TimeProvider clock, ILogger<StripeGateway> logger)
    {
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        if (string.IsNullOrWhiteSpace(this.options.SecretKey))
            throw new InvalidOperationException($"{StripeGatewayOptions.Section}:SecretKey is required.");

        // One long-lived HttpClient whose pooled connections are recycled, so DNS changes are picked up (the singleton
        // gateway would otherwise pin one connection for the life of the process). Telemetry off: it would send our
        // request latencies to Stripe in a header.
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(this.options.TimeoutSeconds),
        };
        var client = new Sdk.StripeClient(
            apiKey: this.options.SecretKey,
            httpClient: new Sdk.SystemNetHttpClient(http, this.options.MaxNetworkRetries, appInfo: null, enableTelemetry: false),
            apiBase: this.options.ApiBase.TrimEnd('/'));
        sessions = new SdkCheckout.SessionService(client);
        refunds = new Sdk.RefundService(client);
    }

    public string Provider => ProviderName;

    public async Task<CheckoutSession> CreateCheckoutAsync(PaymentRequest request, CancellationToken ct)
    {
        var (expiresUtc, clamped) = SessionExpiry(request.ExpiresUtc);
        var create = new SdkCheckout.SessionCreateOptions
        {
            Mode = "payment",
            LineItems =
            [
                new SdkCheckout.SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SdkCheckout.SessionLineItemPriceDataOptions
                    {
                        Currency = request.Amount.Currency.ToLowerInvariant(),
                        UnitAmount = request.Amount.MinorUnits,
                        ProductData = new SdkCheckout.SessionLineItemPriceDataProductDataOptions { Name = request.Subject },
                    },
                },
            ],
            SuccessUrl = request.ReturnUrl,
            CancelUrl = request.ReturnUrl,
            ClientReferenceId = request.OrderNumber,
            Metadata = new Dictionary<string, string> { [OrderNumberKey] = request.OrderNumber },
            PaymentIntentData = new SdkCheckout.SessionPaymentIntentDataOptions
            {
                Metadata = new Dictionary<string, string> { [OrderNumberKey] = request.OrderNumber },
            },
            ExpiresAt = expiresUtc,
            CustomerEmail = string.IsNullOrWhiteSpace(request.BuyerEmail) ? null : request.BuyerEmail,
        };
        // Stripe answers a repeated key with the first response, but only when the parameters are identical. A clamped
        // expiry depends on the time of the call, so it becomes part of the key (it is rounded to the minute: retries
        // within the same minute still collapse into one session).
        var key = $"checkout-{request.OrderNumber}-{request.ExpiresUtc.Ticks}";
        if (clamped) key += $"-{new DateTimeOffset(expiresUtc).ToUnixTimeSeconds()}";

        SdkCheckout.Session session;
        try
        {
            session = await sessions.CreateAsync(create, new Sdk.RequestOptions { IdempotencyKey = key }, ct);
        }
        catch (Exception ex) when (IsProviderFailure(ex, ct))
        {
            LogCallFailed(logger, "checkout", request.OrderNumber, Describe(ex));
            throw new PaymentGatewayException($"Stripe could not create a checkout session for order {request.OrderNumber}: {Describe(ex)}", ex);
        }

        if (string.IsNullOrEmpty(session.Url))
            throw new PaymentGatewayException($"Stripe created checkout session {session.Id} for order {request.OrderNumber} without a URL.");
        return new CheckoutSession(CheckoutSessionKind.Redirect, session.Url, session.Id);
    }

    /// <summary>The order's expiry moved into the window Stripe accepts, rounded up to a whole minute when moved.</summary>
    internal (DateTime ExpiresUtc, bool Clamped) SessionExpiry(DateTime requestedUtc)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var requested = DateTime.SpecifyKind(requestedUtc, DateTimeKind.Utc);
        DateTime bound;
        if (requested < now + MinSessionLifetime) bound = CeilingToMinute(now + MinSessionLifetime);
        else if (requested > now + MaxSessionLifetime) bound = FloorToMinute(now + MaxSessionLifetime);
        else return (requested, false);
        return (bound, true);
    }

    public WebhookParseResult ParseWebhook(WebhookRequest request)
    {
        var result = Parse(request);
        if (!result.Verified) LogWebhookRejected(logger, result.RejectReason ?? "");
        return result;
    }

    private WebhookParseResult Parse(WebhookRequest request)
    {
        var signature = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(signature))
            return WebhookParseResult.Rejected($"Missing {SignatureHeader} header.");

        string json;
        try
        {
            json = StrictUtf8.GetString(request.Body);
        }
        catch (DecoderFallbackException)
        {
            return WebhookParseResult.Rejected("The body is not UTF-8.");
        }

        Sdk.Event stripeEvent;
        try
        {
            // The overload with utcNow checks the timestamp against our clock (and FakeTimeProvider in tests).
            stripeEvent = Sdk.EventUtility.ConstructEvent(json, signature, options.WebhookSecret, options.ToleranceSeconds,
                clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (Exception ex)
        {
            // StripeException for a wrong signature or a stale timestamp; the SDK also lets FormatException (t=abc),
            // JsonException (a signed body that is not JSON) and ArgumentException (a v2 thin event) escape.
            return WebhookParseResult.Rejected($"Signature verification failed: {ex.Message}");
        }

        if (string.IsNullOrEmpty(stripeEvent?.Id) || string.IsNullOrEmpty(stripeEvent.Type))
            return WebhookParseResult.Rejected("The event has no id or type.");

        var occurredUtc = DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc);
        return stripeEvent.Type switch
        {
            "checkout.session.completed" => FromSession(stripeEvent, occurredUtc, s => s.PaymentStatus == "paid" ? PaymentEventKind.Paid : null),
            "checkout.session.async_payment_succeeded" => FromSession(stripeEvent, occurredUtc, _ => PaymentEventKind.Paid),
            "checkout.session.async_payment_failed" => FromSession(stripeEvent, occurredUtc, _ => PaymentEventKind.Failed),
            "checkout.session.expired" => FromSession(stripeEvent, occurredUtc, _ => PaymentEventKind.Closed),
            "charge.refunded" => FromRefundedCharge(stripeEvent, json, occurredUtc),
            _ => WebhookParseResult.Accepted(),
        };
    }

    private WebhookParseResult FromSession(Sdk.Event stripeEvent, DateTime occurredUtc, Func<SdkCheckout.Session, PaymentEventKind?> kindOf)
    {
        if (stripeEvent.Data?.Object is not SdkCheckout.Session session)
            return WebhookParseResult.Rejected($"Event {stripeEvent.Id} ({stripeEvent.Type}) does not carry a checkout session.");

        var orderNumber = NonEmpty(session.ClientReferenceId) ?? MetadataOrderNumber(session.Metadata);
        if (orderNumber is null)
        {
            // A session we did not create (a Payment Link, another integration on the same account).
            LogNotOurs(logger, stripeEvent.Id, stripeEvent.Type);
            return WebhookParseResult.Accepted();
        }

        // checkout.session.completed with payment_status "unpaid": a delayed method (bank debit) is still settling;
        // async_payment_succeeded / _failed follows.
        if (kindOf(session) is not { } kind) return WebhookParseResult.Accepted();

        var amount = kind == PaymentEventKind.Paid ? ToMoney(session.AmountTotal, session.Currency) : null;
        var message = kind switch
        {
            PaymentEventKind.Failed => "The delayed payment failed.",
            PaymentEventKind.Closed => "The checkout session expired.",
            _ => null,
        };
        return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, stripeEvent.Id, orderNumber, kind, amount,
            NonEmpty(session.PaymentIntentId), RefundId: null, occurredUtc, message));
    }

    /// <summary>
    /// charge.refunded: one Refunded notification per refund listed in <c>charge.refunds</c> (RefundId re_..., EventId
    /// "{evt}:{re}" so that several refunds in one event stay distinct facts). API versions from 2022-11-15 no longer
    /// embed that list; then one notification stands for the latest change: RefundId "{charge}:{amount_refunded}" (the
    /// cumulative total, unique per step) and Amount the step from <c>data.previous_attributes.amount_refunded</c>, or
    /// the cumulative <c>amount_refunded</c> when the previous value is not given.
    /// </summary>
    private WebhookParseResult FromRefundedCharge(Sdk.Event stripeEvent, string json, DateTime occurredUtc)
    {
        if (stripeEvent.Data?.Object is not Sdk.Charge charge)
            return WebhookParseResult.Rejected($"Event {stripeEvent.Id} ({stripeEvent.Type}) does not carry a charge.");

        var listed = charge.Refunds?.Data ?? [];
        var orderNumber = MetadataOrderNumber(charge.Metadata)
            ?? listed.Select(r => MetadataOrderNumber(r.Metadata)).FirstOrDefault(n => n is not null);
        if (orderNumber is null)
        {
            LogNotOurs(logger, stripeEvent.Id, stripeEvent.Type);
            return WebhookParseResult.Accepted();
        }

        var paymentId = NonEmpty(charge.PaymentIntentId) ?? charge.Id;
        var paid = ToMoney(charge.Amount, charge.Currency);
        var done = listed.Where(r => r.Status is "succeeded" or "pending" or null).ToList();
        if (done.Count > 0)
        {
            return WebhookParseResult.Accepted([.. done.Select(r => new PaymentNotification(ProviderName, $"{stripeEvent.Id}:{r.Id}",
                orderNumber, PaymentEventKind.Refunded, ToMoney(r.Amount, r.Currency ?? charge.Currency), paymentId, r.Id,
                occurredUtc, PaidAmount: paid, RefundedTotal: ToMoney(charge.AmountRefunded, charge.Currency)))]);
        }

        if (charge.AmountRefunded <= 0) return WebhookParseResult.Accepted();
        var previous = PreviousAmountRefunded(json) ?? 0;
        var step = charge.AmountRefunded - previous;
        if (step <= 0) return WebhookParseResult.Accepted();
        return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, stripeEvent.Id, orderNumber, PaymentEventKind.Refunded,
            ToMoney(step, charge.Currency), paymentId, $"{charge.Id}:{charge.AmountRefunded}", occurredUtc, PaidAmount: paid,
            RefundedTotal: ToMoney(charge.AmountRefunded, charge.Currency)));
    }

    /// <summary>data.previous_attributes.amount_refunded, read from the verified body (the SDK exposes previous_attributes
    /// only as a Newtonsoft object).</summary>
    private static long? PreviousAmountRefunded(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("data", out var data)
                && data.TryGetProperty("previous_attributes", out var previous) && previous.ValueKind == JsonValueKind.Object
                && previous.TryGetProperty("amount_refunded", out var value) && value.TryGetInt64(out var amount)
                ? amount : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public WebhookReply Reply(bool accepted) => accepted
        ? new WebhookReply(200, "application/json", """{"received":true}""")
        : new WebhookReply(400, "application/json", """{"received":false}""");

    public async Task<PaymentStatusReport> QueryAsync(PaymentQuery query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.ProviderSessionId))
            return new PaymentStatusReport(PaymentQueryState.Unknown, null, null, null, "The order has no Stripe checkout session id.");

        SdkCheckout.Session session;
        try
        {
            session = await sessions.GetAsync(query.ProviderSessionId, options: null, requestOptions: null, ct);
        }
        catch (Sdk.StripeException ex) when (ex.HttpStatusCode == HttpStatusCode.NotFound)
        {
            return new PaymentStatusReport(PaymentQueryState.NotFound, null, null, null, ex.StripeError?.Message ?? ex.Message);
        }
        catch (Exception ex) when (IsProviderFailure(ex, ct))
        {
            LogCallFailed(logger, "query", query.OrderNumber, Describe(ex));
            throw new PaymentGatewayException($"Stripe could not be asked about order {query.OrderNumber}: {Describe(ex)}", ex);
        }

        var sessionOrder = NonEmpty(session.ClientReferenceId) ?? MetadataOrderNumber(session.Metadata);
        if (sessionOrder is not null && sessionOrder != query.OrderNumber)
            return new PaymentStatusReport(PaymentQueryState.Unknown, null, null, null,
                $"Checkout session {session.Id} belongs to order {sessionOrder}, not {query.OrderNumber}.");

        return (session.Status, session.PaymentStatus) switch
        {
            ("complete", "paid") => new PaymentStatusReport(PaymentQueryState.Paid, ToMoney(session.AmountTotal, session.Currency),
                NonEmpty(session.PaymentIntentId), PaidUtc: null),
            // complete but unpaid: a delayed payment method is still settling.
            ("open", _) or ("complete", _) => new PaymentStatusReport(PaymentQueryState.Pending, null, NonEmpty(session.PaymentIntentId), null),
            ("expired", _) => new PaymentStatusReport(PaymentQueryState.Closed, null, null, null, "The checkout session expired."),
            _ => new PaymentStatusReport(PaymentQueryState.Unknown, null, null, null,
                $"Checkout session {session.Id} is {session.Status}/{session.PaymentStatus}."),
        };
    }

    public async Task<RefundOutcome> RefundAsync(RefundCall request, CancellationToken ct)
    {
        var create = new Sdk.RefundCreateOptions
        {
            PaymentIntent = request.ProviderPaymentId,
            Amount = request.Amount.MinorUnits,
            Metadata = new Dictionary<string, string>
            {
                [OrderNumberKey] = request.OrderNumber,
                [RefundNumberKey] = request.RefundNumber,
                // Stripe's own reason is an enum (duplicate, fraudulent, requested_by_customer); ours is free text.
                ["reason"] = request.Reason.Length > 500 ? request.Reason[..500] : request.Reason,
            },
        };

        Sdk.Refund refund;
        try
        {
            refund = await refunds.CreateAsync(create, new Sdk.RequestOptions { IdempotencyKey = request.RefundNumber }, ct);
        }
        catch (Sdk.StripeException ex) when (IsDeclined(ex))
        {
            var message = ex.StripeError?.Message ?? ex.Message;
            LogRefundFailed(logger, request.RefundNumber, request.OrderNumber, message);
            return new RefundOutcome(RefundOutcomeState.Failed, null, message);
        }
        catch (Exception ex) when (IsProviderFailure(ex, ct))
        {
            LogCallFailed(logger, "refund", request.OrderNumber, Describe(ex));
            throw new PaymentGatewayException($"Stripe could not refund {request.RefundNumber} of order {request.OrderNumber}: {Describe(ex)}", ex);
        }

        return refund.Status switch
        {
            "succeeded" => new RefundOutcome(RefundOutcomeState.Succeeded, refund.Id, null),
            "failed" or "canceled" => new RefundOutcome(RefundOutcomeState.Failed, refund.Id,
                $"Stripe refund {refund.Id} is {refund.Status}{(string.IsNullOrEmpty(refund.FailureReason) ? "" : $": {refund.FailureReason}")}."),
            // pending, requires_action (the buyer must give bank details): Stripe settles it later and reports by webhook.
            _ => new RefundOutcome(RefundOutcomeState.Pending, refund.Id, null),
        };
    }

    public void Dispose() => http.Dispose();

    /// <summary>A refund Stripe refused for a reason a retry will not change: already refunded, amount too large,
    /// unknown PaymentIntent, card errors. Authentication, rate limits, idempotency conflicts and 5xx are not.</summary>
    private static bool IsDeclined(Sdk.StripeException ex) =>
        ex.StripeError?.Type is "card_error" or "invalid_request_error"
        && (int)ex.HttpStatusCode is >= 400 and < 500 and not (401 or 403 or 409 or 429);

    /// <summary>Anything the SDK or the network throws on a call, except our caller giving up.</summary>
    private static bool IsProviderFailure(Exception ex, CancellationToken ct) => ex switch
    {
        Sdk.StripeException or HttpRequestException or JsonException => true,
        OperationCanceledException => !ct.IsCancellationRequested, // HttpClient.Timeout
        _ => false,
    };

    private static string Describe(Exception ex) => ex switch
    {
        Sdk.StripeException { StripeError: { } error } s => $"{(int)s.HttpStatusCode} {error.Type}/{error.Code}: {error.Message}",
        Sdk.StripeException s => $"{(int)s.HttpStatusCode}: {s.Message}",
        OperationCanceledException => "the request timed out",
        _ => ex.Message,
    };

    private static Money? ToMoney(long? minorUnits, string? currency) =>
        minorUnits is { } units && !string.IsNullOrEmpty(currency) ? new Money(units, currency.ToUpperInvariant()) : null;

    private static string? MetadataOrderNumber(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(OrderNumberKey, out var value) ? NonEmpty(value) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static DateTime CeilingToMinute(DateTime value)
    {
        var floor = FloorToMinute(value);
        return floor == value ? value : floor.AddMinutes(1);
    }

    private static DateTime FloorToMinute(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    private static partial void LogWebhookRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stripe event {EventId} ({EventType}) names no order of ours; ignored")]
    private static partial void LogNotOurs(ILogger logger, string eventId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe {Operation} call for order {OrderNumber} failed: {Error}")]
    private static partial void LogCallFailed(ILogger logger, string operation, string orderNumber, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stripe declined refund {RefundNumber} of order {OrderNumber}: {Error}")]
    private static partial void LogRefundFailed(ILogger logger, string refundNumber, string orderNumber, string error);
}
