using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using KnowledgeHub.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Payments.WeChat;

/// <summary>
/// WeChat Pay API v3 for a directly connected merchant, paying by Native QR code (<c>code_url</c>). Requests are signed
/// with the merchant key (<c>WECHATPAY2-SHA256-RSA2048</c>); responses and notifications must carry the platform
/// signature (<c>Wechatpay-Serial/-Timestamp/-Nonce/-Signature</c>); notification resources are AEAD_AES_256_GCM
/// encrypted with the APIv3 key. Amounts are integer fen, currency CNY only.
/// </summary>
/// <remarks>
/// Notifications: TRANSACTION.* with trade_state SUCCESS is <see cref="PaymentEventKind.Paid"/> (amount.total, not
/// payer_total: coupons paid by WeChat or the merchant still settle the order), CLOSED/REVOKED is Closed, PAYERROR is
/// Failed; REFUND.SUCCESS is <see cref="PaymentEventKind.Refunded"/> with RefundId = out_refund_no (our refund number).
/// REFUND.ABNORMAL (the buyer's card could not take the money back; handled by hand in the merchant platform or the
/// abnormal-refund API) and REFUND.CLOSED are accepted with no notifications and logged: the refund stays as our side
/// recorded it until someone acts. Signature probes (Wechatpay-Signature starting "WECHATPAY/SIGNTEST/") fail
/// verification and are answered 400, as WeChat expects.
/// </remarks>
public sealed partial class WeChatPayGateway : IPaymentGateway, IDisposable
{
    public const string ProviderName = "wechat";
    public const string HttpClientName = "wechat";

    /// <summary>How far a Wechatpay-Timestamp may be from our clock, either way.</summary>
    public static readonly TimeSpan TimestampTolerance = TimeSpan.FromSeconds(300);

    private const int DescriptionMaxChars = 127;
    private const int ReasonMaxChars = 80;
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly IHttpClientFactory httpClients;
    private readonly WeChatPayOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<WeChatPayGateway> logger;
    private readonly RSA merchantKey;
    private readonly RSA platformKey;
    private readonly byte[] apiV3Key;
    private readonly string apiBase;

    public WeChatPayGateway(IHttpClientFactory httpClients, IOptions<WeChatPayOptions> options, TimeProvider clock, ILogger<WeChatPayGateway> logger)
    {
        this.httpClients = httpClients;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        if (!this.options.HasKeys)
            throw new InvalidOperationException($"{WeChatPayOptions.Section} is incomplete: AppId, MerchantId, MerchantSerialNumber, "
                + "MerchantPrivateKey, PlatformPublicKey, PlatformSerial and a 32-byte ApiV3Key are all required.");
        merchantKey = WeChatPaySigning.LoadPrivateKey(this.options.MerchantPrivateKey);
        platformKey = WeChatPaySigning.LoadPublicKey(this.options.PlatformPublicKey);
        apiV3Key = Encoding.UTF8.GetBytes(this.options.ApiV3Key);
        apiBase = this.options.ApiBase.TrimEnd('/');
    }

    public string Provider => ProviderName;

    /// <summary>POST /v3/pay/transactions/native: the answer's code_url is what the buyer scans.</summary>
    public async Task<CheckoutSession> CreateCheckoutAsync(PaymentRequest request, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["appid"] = options.AppId,
            ["mchid"] = options.MerchantId,
            ["description"] = Truncate(string.IsNullOrWhiteSpace(request.Subject) ? request.OrderNumber : request.Subject, DescriptionMaxChars),
            ["out_trade_no"] = request.OrderNumber,
            ["time_expire"] = Rfc3339China(request.ExpiresUtc),
            ["notify_url"] = request.NotifyUrl,
            ["amount"] = new JsonObject { ["total"] = Fen(request.Amount), ["currency"] = Money.Cny },
        };
        var response = await SendAsync(HttpMethod.Post, "/v3/pay/transactions/native", body, ct);
        if (!response.IsSuccess) throw Failure("Native order", response);
        var codeUrl = Text(response.Json, "code_url");
        if (string.IsNullOrEmpty(codeUrl)) throw new PaymentGatewayException("WeChat Pay answered the Native order without a code_url.");
        return new CheckoutSession(CheckoutSessionKind.QrCode, codeUrl, null);
    }

    public WebhookParseResult ParseWebhook(WebhookRequest request)
    {
        WebhookParseResult result;
        try
        {
            result = Parse(request);
        }
        catch (Exception e) // the contract: a bad request is rejected, never thrown
        {
            result = WebhookParseResult.Rejected($"Malformed notification ({e.GetType().Name}).");
        }
        if (!result.Verified) LogNotificationRejected(result.RejectReason);
        return result;
    }

    /// <summary>WeChat Pay v3: 200/204 with no body acknowledges; 4XX/5XX with {"code":"FAIL","message":...} asks for a resend.</summary>
    public WebhookReply Reply(bool accepted) => accepted
        ? new WebhookReply(StatusCodes.NoContent, "text/plain", "")
        : new WebhookReply(StatusCodes.BadRequest, "application/json", """{"code":"FAIL","message":"notification rejected"}""");

    /// <summary>GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=...</summary>
    public async Task<PaymentStatusReport> QueryAsync(PaymentQuery query, CancellationToken ct)
    {
        var path = $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(query.OrderNumber)}?mchid={Uri.EscapeDataString(options.MerchantId)}";
        var response = await SendAsync(HttpMethod.Get, path, null, ct);
        if (response.Status == HttpStatusCode.NotFound && response.Code == "ORDER_NOT_EXIST")
            return new PaymentStatusReport(PaymentQueryState.NotFound, null, null, null, response.Message);
        if (!response.IsSuccess) throw Failure("order query", response);

        var transaction = response.Json;
        var mchid = Text(transaction, "mchid");
        if (mchid is not null && mchid != options.MerchantId)
            throw new PaymentGatewayException($"WeChat Pay answered the order query for merchant {mchid}.");
        var state = Text(transaction, "trade_state");
        var description = Text(transaction, "trade_state_desc");
        var transactionId = Text(transaction, "transaction_id");
        return state switch
        {
            // REFUND ("转入退款"): the order was paid and has refunds since; refunds are settled on their own.
            "SUCCESS" or "REFUND" => new PaymentStatusReport(PaymentQueryState.Paid,
                AmountOf(transaction, "total") ?? throw new PaymentGatewayException("WeChat Pay reported a paid order without amount.total."),
                transactionId, Time(transaction, "success_time"), description),
            "NOTPAY" or "USERPAYING" => new PaymentStatusReport(PaymentQueryState.Pending, null, transactionId, null, description),
            "CLOSED" or "REVOKED" or "PAYERROR" => new PaymentStatusReport(PaymentQueryState.Closed, null, transactionId, null, description ?? state),
            _ => new PaymentStatusReport(PaymentQueryState.Unknown, null, transactionId, null, $"trade_state {state ?? "(none)"}"),
        };
    }

    /// <summary>POST /v3/refund/domestic/refunds. out_refund_no = our refund number, so a retry never refunds twice.</summary>
    public async Task<RefundOutcome> RefundAsync(RefundCall request, CancellationToken ct)
    {
        var body = new JsonObject();
        if (!string.IsNullOrEmpty(request.ProviderPaymentId)) body["transaction_id"] = request.ProviderPaymentId;
        else body["out_trade_no"] = request.OrderNumber;
        body["out_refund_no"] = request.RefundNumber;
        if (!string.IsNullOrWhiteSpace(request.Reason)) body["reason"] = Truncate(request.Reason, ReasonMaxChars);
        if (!string.IsNullOrEmpty(request.NotifyUrl)) body["notify_url"] = request.NotifyUrl;
        body["amount"] = new JsonObject { ["refund"] = Fen(request.Amount), ["total"] = Fen(request.PaymentTotal), ["currency"] = Money.Cny };

        var response = await SendAsync(HttpMethod.Post, "/v3/refund/domestic/refunds", body, ct);
        if (!response.IsSuccess)
        {
            // 400 PARAM_ERROR/INVALID_REQUEST, 403 NOT_ENOUGH/NO_AUTH/USER_ACCOUNT_ABNORMAL, 404 RESOURCE_NOT_EXISTS: a business
            // answer. 401 SIGN_ERROR (our keys), 429 FREQUENCY_LIMITED and 5XX SYSTEM_ERROR: try again later.
            var status = (int)response.Status;
            if (status is >= 400 and < 500 and not 401 and not 429)
                return new RefundOutcome(RefundOutcomeState.Failed, null, response.Describe());
            throw Failure("refund", response);
        }
        var refundId = Text(response.Json, "refund_id");
        return Text(response.Json, "status") switch
        {
            "SUCCESS" => new RefundOutcome(RefundOutcomeState.Succeeded, refundId, null),
            "PROCESSING" => new RefundOutcome(RefundOutcomeState.Pending, refundId, null),
            var other => new RefundOutcome(RefundOutcomeState.Failed, refundId, $"Refund status {other ?? "(none)"}"),
        };
    }

    public void Dispose()
    {
        merchantKey.Dispose();
        platformKey.Dispose();
    }

    private WebhookParseResult Parse(WebhookRequest request)
    {
        var timestamp = request.Header("Wechatpay-Timestamp");
        var nonce = request.Header("Wechatpay-Nonce");
        var signature = request.Header("Wechatpay-Signature");
        var serial = request.Header("Wechatpay-Serial");
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(serial))
            return WebhookParseResult.Rejected("Missing Wechatpay-Timestamp, -Nonce, -Signature or -Serial header.");
        if (!string.Equals(serial, options.PlatformSerial, StringComparison.Ordinal))
            return WebhookParseResult.Rejected($"Wechatpay-Serial {serial} is not the configured platform serial.");
        if (!IsFresh(timestamp))
            return WebhookParseResult.Rejected("Wechatpay-Timestamp is more than 300 seconds from now.");
        if (!WeChatPaySigning.Verify(platformKey, WeChatPaySigning.ResponseMessage(timestamp, nonce, request.Body), signature))
            return WebhookParseResult.Rejected("Wechatpay-Signature does not verify with the platform key.");

        if (JsonNode.Parse(request.Body) is not JsonObject envelope) return WebhookParseResult.Rejected("The body is not a JSON object.");
        var id = Text(envelope, "id");
        var eventType = Text(envelope, "event_type");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(eventType)) return WebhookParseResult.Rejected("The notification has no id or event_type.");
        if (Text(envelope, "resource_type") != "encrypt-resource" || envelope["resource"] is not JsonObject resource)
            return WebhookParseResult.Rejected("The notification has no encrypt-resource.");
        if (Text(resource, "algorithm") != WeChatPaySigning.Algorithm)
            return WebhookParseResult.Rejected($"Unsupported resource algorithm {Text(resource, "algorithm")}.");

        string plain;
        try
        {
            plain = WeChatPaySigning.Decrypt(apiV3Key, Text(resource, "nonce") ?? "", Text(resource, "associated_data"), Text(resource, "ciphertext") ?? "");
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return WebhookParseResult.Rejected("The resource does not decrypt with the APIv3 key (tampered, or another key).");
        }
        if (JsonNode.Parse(plain) is not JsonObject data) return WebhookParseResult.Rejected("The decrypted resource is not a JSON object.");

        var created = Time(envelope, "create_time");
        if (eventType.StartsWith("TRANSACTION.", StringComparison.Ordinal)) return Transaction(id, data, created);
        if (eventType.StartsWith("REFUND.", StringComparison.Ordinal)) return Refund(id, eventType, data, created);
        return WebhookParseResult.Accepted();
    }

    private WebhookParseResult Transaction(string id, JsonObject data, DateTime? created)
    {
        if (Text(data, "mchid") != options.MerchantId) return WebhookParseResult.Rejected("The transaction's mchid is not ours.");
        if (Text(data, "appid") != options.AppId) return WebhookParseResult.Rejected("The transaction's appid is not ours.");
        var orderNumber = Text(data, "out_trade_no");
        if (string.IsNullOrEmpty(orderNumber)) return WebhookParseResult.Rejected("The transaction has no out_trade_no.");
        var transactionId = Text(data, "transaction_id");
        var description = Text(data, "trade_state_desc");
        var occurred = Time(data, "success_time") ?? created ?? clock.GetUtcNow().UtcDateTime;

        switch (Text(data, "trade_state"))
        {
            case "SUCCESS":
                var amount = AmountOf(data, "total");
                if (amount is null || string.IsNullOrEmpty(transactionId))
                    return WebhookParseResult.Rejected("A successful transaction must carry amount.total and transaction_id.");
                return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, id, orderNumber, PaymentEventKind.Paid,
                    amount, transactionId, null, occurred, description));
            case "CLOSED" or "REVOKED":
                return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, id, orderNumber, PaymentEventKind.Closed,
                    null, transactionId, null, occurred, description));
            case "PAYERROR":
                return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, id, orderNumber, PaymentEventKind.Failed,
                    null, transactionId, null, occurred, description));
            default: // NOTPAY, USERPAYING, REFUND: nothing to settle
                return WebhookParseResult.Accepted();
        }
    }

    private WebhookParseResult Refund(string id, string eventType, JsonObject data, DateTime? created)
    {
        if (Text(data, "mchid") != options.MerchantId) return WebhookParseResult.Rejected("The refund's mchid is not ours.");
        var orderNumber = Text(data, "out_trade_no");
        var refundNumber = Text(data, "out_refund_no");
        if (string.IsNullOrEmpty(orderNumber) || string.IsNullOrEmpty(refundNumber))
            return WebhookParseResult.Rejected("The refund has no out_trade_no or out_refund_no.");
        var status = Text(data, "refund_status");

        if (eventType != "REFUND.SUCCESS")
        {
            // REFUND.ABNORMAL / REFUND.CLOSED: verified, nothing to settle automatically.
            LogRefundNotSettled(refundNumber, orderNumber, eventType, status);
            return WebhookParseResult.Accepted();
        }
        if (status != "SUCCESS") return WebhookParseResult.Rejected($"REFUND.SUCCESS with refund_status {status}.");
        var refunded = AmountOf(data, "refund");
        var total = AmountOf(data, "total");
        if (refunded is null || total is null) return WebhookParseResult.Rejected("The refund must carry amount.refund and amount.total.");
        var occurred = Time(data, "success_time") ?? created ?? clock.GetUtcNow().UtcDateTime;
        return WebhookParseResult.Accepted(new PaymentNotification(ProviderName, id, orderNumber, PaymentEventKind.Refunded,
            refunded, Text(data, "transaction_id"), refundNumber, occurred, PaidAmount: total));
    }

    private async Task<ApiResponse> SendAsync(HttpMethod method, string pathAndQuery, JsonObject? body, CancellationToken ct)
    {
        var uri = new Uri(apiBase + pathAndQuery, UriKind.Absolute);
        var bodyText = body?.ToJsonString(BodyJson) ?? "";
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var nonce = WeChatPaySigning.NewNonce();
        using var message = new HttpRequestMessage(method, uri);
        message.Headers.TryAddWithoutValidation("Authorization", WeChatPaySigning.Authorization(options.MerchantId, options.MerchantSerialNumber,
            merchantKey, method.Method, uri.PathAndQuery, timestamp, nonce, bodyText));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(new ProductInfoHeaderValue("KnowledgeHub", "1.0")); // WeChat Pay v3 requires a User-Agent
        if (body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(bodyText));
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        HttpStatusCode status;
        byte[] responseBody;
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(message, ct);
            status = response.StatusCode;
            responseBody = await response.Content.ReadAsByteArrayAsync(ct);
            // Success answers must be signed; error answers are checked when WeChat signed them (SIGN_ERROR answers are not).
            if (response.IsSuccessStatusCode || response.Headers.Contains("Wechatpay-Signature")) VerifyResponse(response, responseBody);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentGatewayException($"WeChat Pay could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new PaymentGatewayException("WeChat Pay did not answer in time.", e);
        }

        JsonNode? json = null;
        if (responseBody.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(responseBody);
            }
            catch (JsonException e)
            {
                throw new PaymentGatewayException($"WeChat Pay answered HTTP {(int)status} with a body that is not JSON.", e);
            }
        }
        var result = new ApiResponse(status, json);
        if (!result.IsSuccess) LogApiError(pathAndQuery.Split('?')[0], (int)status, result.Code);
        return result;
    }

    private void VerifyResponse(HttpResponseMessage response, byte[] body)
    {
        var timestamp = Header(response, "Wechatpay-Timestamp");
        var nonce = Header(response, "Wechatpay-Nonce");
        var signature = Header(response, "Wechatpay-Signature");
        var serial = Header(response, "Wechatpay-Serial");
        if (timestamp is null || nonce is null || signature is null || serial is null)
            throw new PaymentGatewayException($"WeChat Pay answered HTTP {(int)response.StatusCode} without a signature.");
        if (!string.Equals(serial, options.PlatformSerial, StringComparison.Ordinal))
            throw new PaymentGatewayException($"WeChat Pay signed its answer with serial {serial}, not the configured platform serial.");
        if (!IsFresh(timestamp))
            throw new PaymentGatewayException("WeChat Pay's answer carries a timestamp more than 300 seconds from now.");
        if (!WeChatPaySigning.Verify(platformKey, WeChatPaySigning.ResponseMessage(timestamp, nonce, body), signature))
            throw new PaymentGatewayException("WeChat Pay's answer signature does not verify with the platform key.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private bool IsFresh(string timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 99_999_999_999L) return false;
        return Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) <= (long)TimestampTolerance.TotalSeconds;
    }

    private static int Fen(Money money)
    {
        if (money.Currency != Money.Cny) throw new PaymentGatewayException($"WeChat Pay takes CNY only, not {money.Currency}.");
        if (money.MinorUnits is <= 0 or > int.MaxValue) throw new PaymentGatewayException($"WeChat Pay cannot take an amount of {money}.");
        return (int)money.MinorUnits;
    }

    /// <summary>RFC 3339 in China Standard Time, as the examples show: 2015-05-20T13:29:35+08:00.</summary>
    internal static string Rfc3339China(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(ChinaStandardTime)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return text[..cut];
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Money? AmountOf(JsonNode? node, string field)
    {
        if (node is not JsonObject o || o["amount"] is not JsonObject amount) return null;
        if (amount[field] is not JsonValue v || !v.TryGetValue<long>(out var fen)) return null;
        return new Money(fen, Text(amount, "currency") ?? Money.Cny);
    }

    private static DateTime? Time(JsonNode? node, string name) =>
        DateTimeOffset.TryParse(Text(node, name), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at.UtcDateTime : null;

    private static PaymentGatewayException Failure(string operation, ApiResponse response) =>
        new($"WeChat Pay {operation} failed: {response.Describe()}");

    private sealed record ApiResponse(HttpStatusCode Status, JsonNode? Json)
    {
        public bool IsSuccess => (int)Status is >= 200 and < 300;
        public string? Code => Text(Json, "code");
        public string? Message => Text(Json, "message");
        public string Describe() => $"HTTP {(int)Status} {Code ?? "(no code)"}: {Message ?? "(no message)"}";
    }

    private static class StatusCodes
    {
        public const int NoContent = 204;
        public const int BadRequest = 400;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat Pay notification rejected: {Reason}")]
    private partial void LogNotificationRejected(string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat Pay refund {RefundNumber} of order {OrderNumber} reported {EventType} (refund_status {RefundStatus}): handle it in the merchant platform")]
    private partial void LogRefundNotSettled(string refundNumber, string orderNumber, string eventType, string? refundStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat Pay {Path} answered HTTP {Status} {Code}")]
    private partial void LogApiError(string path, int status, string? code);
}
