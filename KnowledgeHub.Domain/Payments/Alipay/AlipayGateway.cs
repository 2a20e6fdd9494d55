using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using KnowledgeHub.Domain.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Domain.Payments.Alipay;

/// <summary>
/// 支付宝 电脑网站支付 over the OpenAPI gateway, without the SDK: alipay.trade.page.pay as a signed GET URL, async
/// notifications (form POST, RSA2), alipay.trade.query and alipay.trade.refund with verified synchronous responses.
/// Amounts are CNY: yuan strings with at most two decimals on the wire, fen (<see cref="Money.MinorUnits"/>) inside.
/// Times on the wire are China Standard Time (UTC+8, no daylight saving).
/// </summary>
public sealed partial class AlipayGateway : IPaymentGateway
{
    public const string ProviderName = "alipay";
    public const string HttpClientName = "alipay";

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);
    private static readonly string[] ChinaTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFF"];
    private static readonly JsonWriterOptions BizJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly AlipayGatewayOptions options;
    private readonly AlipaySignature signature;
    private readonly IHttpClientFactory httpClients;
    private readonly TimeProvider clock;
    private readonly ILogger<AlipayGateway> logger;

    public AlipayGateway(IOptions<AlipayGatewayOptions> options, IHttpClientFactory httpClients, TimeProvider clock, ILogger<AlipayGateway> logger)
    {
        this.options = options.Value;
        if (!this.options.HasKeys)
            throw new InvalidOperationException($"{AlipayGatewayOptions.Section}: AppId, AppPrivateKey and AlipayPublicKey are required.");
        if (!IsUtf8(this.options.Charset))
            throw new InvalidOperationException($"{AlipayGatewayOptions.Section}:Charset must be utf-8 (GBK is not supported).");
        signature = new AlipaySignature(this.options.AppPrivateKey, this.options.AlipayPublicKey);
        this.httpClients = httpClients;
        this.clock = clock;
        this.logger = logger;
    }

    public string Provider => ProviderName;

    // ---------------------------------------------------------------- checkout

    public Task<CheckoutSession> CreateCheckoutAsync(PaymentRequest request, CancellationToken ct)
    {
        RequireCnyAmount(request.Amount, nameof(request));
        var biz = BizContent(w =>
        {
            w.WriteString("out_trade_no", request.OrderNumber);
            w.WriteString("product_code", "FAST_INSTANT_TRADE_PAY");
            w.WriteString("total_amount", FormatYuan(request.Amount.MinorUnits));
            w.WriteString("subject", CleanSubject(request.Subject));
            w.WriteString("time_expire", ChinaTime(request.ExpiresUtc));
        });
        var parameters = CommonParameters("alipay.trade.page.pay", biz);
        parameters["notify_url"] = request.NotifyUrl;
        parameters["return_url"] = request.ReturnUrl;
        parameters["sign"] = signature.Sign(AlipaySignature.RequestContent(parameters));

        var query = string.Join('&', parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        var url = options.GatewayUrl + (options.GatewayUrl.Contains('?') ? "&" : "?") + query;
        return Task.FromResult(new CheckoutSession(CheckoutSessionKind.Redirect, url, ProviderSessionId: null));
    }

    // ---------------------------------------------------------------- notifications

    /// <summary>
    /// Verifies and maps an async notification (trade_status_sync). Refunds: Alipay notifies a partial refund with
    /// trade_status TRADE_SUCCESS and a full one with TRADE_CLOSED, both carrying <c>refund_fee</c> = the <b>cumulative</b>
    /// amount refunded on the trade so far and <c>gmt_refund</c>. Such a notification becomes one Refunded notification whose
    /// <see cref="PaymentNotification.Amount"/> is that cumulative refund_fee (not the amount of the latest refund) and whose
    /// <see cref="PaymentNotification.RefundId"/> is out_biz_no (our refund number) when Alipay sends it, else
    /// "{trade_no}:{refund_fee}". A payment notification may carry refund_fee=0.00; that is not a refund.
    /// </summary>
    public WebhookParseResult ParseWebhook(WebhookRequest request)
    {
        try
        {
            var result = Parse(request);
            if (!result.Verified) LogNotifyRejected(logger, result.RejectReason);
            return result;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogNotifyRejected(logger, e.GetType().Name);
            return WebhookParseResult.Rejected($"Malformed Alipay notification ({e.GetType().Name}).");
        }
    }

    private WebhookParseResult Parse(WebhookRequest request)
    {
        if (request.Body.Length == 0) return WebhookParseResult.Rejected("Empty body.");
        if (request.ContentType is { } contentType)
        {
            if (!MediaTypeHeaderValue.TryParse(contentType, out var media) ||
                !string.Equals(media.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                return WebhookParseResult.Rejected($"Content type {contentType} is not application/x-www-form-urlencoded.");
            if (media.CharSet is { Length: > 0 } mediaCharset && !IsUtf8(mediaCharset))
                return WebhookParseResult.Rejected($"Charset {mediaCharset} is not supported: only utf-8 notifications are accepted.");
        }

        var form = FormBody.Parse(request.Body, out var formError);
        if (form is null) return WebhookParseResult.Rejected(formError!);
        if (form.Get("charset") is { Length: > 0 } charset && !IsUtf8(charset))
            return WebhookParseResult.Rejected($"Charset {charset} is not supported: only utf-8 notifications are accepted " +
                                               "(requests are sent with charset=utf-8, so Alipay should notify in utf-8).");
        Dictionary<string, string> fields;
        try { fields = form.Decode(StrictUtf8); }
        catch (DecoderFallbackException) { return WebhookParseResult.Rejected("The body is not valid utf-8."); }
        catch (FormatException e) { return WebhookParseResult.Rejected(e.Message); }

        var sign = fields.GetValueOrDefault("sign");
        if (string.IsNullOrEmpty(sign)) return WebhookParseResult.Rejected("Unsigned notification.");
        if (fields.GetValueOrDefault("sign_type") is var signType && signType != "RSA2")
            return WebhookParseResult.Rejected($"Sign type {signType ?? "(none)"} is not RSA2.");
        if (!signature.Verify(AlipaySignature.NotifyContent(fields, includeEmptyValues: true), sign) &&
            !(fields.Values.Any(v => v.Length == 0) && signature.Verify(AlipaySignature.NotifyContent(fields, includeEmptyValues: false), sign)))
            return WebhookParseResult.Rejected("Signature does not verify with the Alipay public key.");

        // Verified. An empty value means the same as an absent one from here on.
        string? Field(string name) => fields.GetValueOrDefault(name) is { Length: > 0 } v ? v : null;

        if (Field("app_id") != options.AppId)
            return WebhookParseResult.Rejected($"app_id {Field("app_id")} is not this application.");
        if (!string.IsNullOrWhiteSpace(options.SellerId) && Field("seller_id") != options.SellerId)
            return WebhookParseResult.Rejected($"seller_id {Field("seller_id")} is not this merchant.");
        if (Field("notify_type") is { } notifyType && notifyType != "trade_status_sync")
            return WebhookParseResult.Accepted(); // verified, but not a trade notification we act on

        var notifyId = Field("notify_id");
        var orderNumber = Field("out_trade_no");
        var tradeNo = Field("trade_no");
        var status = Field("trade_status");
        if (notifyId is null || orderNumber is null || tradeNo is null || status is null)
            return WebhookParseResult.Rejected("notify_id, out_trade_no, trade_no and trade_status are required.");
        if (!TryParseYuan(Field("total_amount"), out var total))
            return WebhookParseResult.Rejected($"total_amount {Field("total_amount") ?? "(none)"} is not an amount in yuan.");

        if (status is not ("TRADE_SUCCESS" or "TRADE_FINISHED" or "TRADE_CLOSED"))
            return WebhookParseResult.Accepted(); // WAIT_BUYER_PAY (or a state we do not act on): nothing happened yet

        var notifiedUtc = ParseChinaTime(Field("notify_time")) ?? clock.GetUtcNow().UtcDateTime;
        var paid = new Money(total, Money.Cny);

        long refunded = 0;
        if (Field("refund_fee") is { } refundFee && !TryParseYuan(refundFee, out refunded))
            return WebhookParseResult.Rejected($"refund_fee {refundFee} is not an amount in yuan.");
        if (refunded > 0 || Field("gmt_refund") is not null)
        {
            if (refunded <= 0) return WebhookParseResult.Rejected("A refund notification (gmt_refund) without a refund_fee.");
            if (refunded > total) return WebhookParseResult.Rejected($"refund_fee {FormatYuan(refunded)} exceeds total_amount.");
            var refundId = Field("out_biz_no") ?? $"{tradeNo}:{FormatYuan(refunded)}";
            return WebhookParseResult.Accepted(new PaymentNotification(
                ProviderName, notifyId, orderNumber, PaymentEventKind.Refunded, new Money(refunded, Money.Cny), tradeNo, refundId,
                ParseChinaTime(Field("gmt_refund")) ?? notifiedUtc, Message: status, PaidAmount: paid, RefundedTotal: new Money(refunded, Money.Cny)));
        }

        return status == "TRADE_CLOSED"
            ? WebhookParseResult.Accepted(new PaymentNotification(
                ProviderName, notifyId, orderNumber, PaymentEventKind.Closed, null, tradeNo, null,
                ParseChinaTime(Field("gmt_close")) ?? notifiedUtc, Message: status))
            : WebhookParseResult.Accepted(new PaymentNotification(
                ProviderName, notifyId, orderNumber, PaymentEventKind.Paid, paid, tradeNo, null,
                ParseChinaTime(Field("gmt_payment")) ?? notifiedUtc, Message: status));
    }

    /// <summary>Alipay stops resending when the body is exactly "success"; anything else is retried (up to 8 times in 25 hours).</summary>
    public WebhookReply Reply(bool accepted) =>
        accepted ? new WebhookReply(200, "text/plain", "success") : new WebhookReply(400, "text/plain", "failure");

    // ---------------------------------------------------------------- query

    public async Task<PaymentStatusReport> QueryAsync(PaymentQuery query, CancellationToken ct)
    {
        using var response = await CallAsync("alipay.trade.query", BizContent(w => w.WriteString("out_trade_no", query.OrderNumber)), ct);
        var r = response.RootElement;
        var code = Str(r, "code");
        var subCode = Str(r, "sub_code");
        if (code == "10000")
        {
            if (Str(r, "out_trade_no") is { } echoed && echoed != query.OrderNumber)
                throw new PaymentGatewayException($"Alipay answered the query for {query.OrderNumber} about {echoed}.");
            var tradeNo = Str(r, "trade_no");
            switch (Str(r, "trade_status"))
            {
                case "WAIT_BUYER_PAY":
                    return new PaymentStatusReport(PaymentQueryState.Pending, null, tradeNo, null);
                case "TRADE_SUCCESS" or "TRADE_FINISHED":
                    if (!TryParseYuan(Str(r, "total_amount"), out var total))
                        throw new PaymentGatewayException($"Alipay answered a paid trade without a valid total_amount ({Str(r, "total_amount")}).");
                    return new PaymentStatusReport(PaymentQueryState.Paid, new Money(total, Money.Cny), tradeNo,
                        ParseChinaTime(Str(r, "send_pay_date")), Str(r, "trade_status"));
                case "TRADE_CLOSED":
                    // Also the state of a fully refunded trade; the order's own record tells the two apart.
                    return new PaymentStatusReport(PaymentQueryState.Closed, null, tradeNo, null, "TRADE_CLOSED");
                case var other:
                    return new PaymentStatusReport(PaymentQueryState.Unknown, null, tradeNo, null, $"trade_status {other ?? "(none)"}");
            }
        }
        if (subCode == "ACQ.TRADE_NOT_EXIST")
            return new PaymentStatusReport(PaymentQueryState.NotFound, null, null, null, Str(r, "sub_msg"));
        if (code == "40004" && subCode != "ACQ.SYSTEM_ERROR")
            return new PaymentStatusReport(PaymentQueryState.Unknown, null, null, null, $"{subCode}: {Str(r, "sub_msg")}");
        throw Failure("alipay.trade.query", r);
    }

    // ---------------------------------------------------------------- refund

    /// <summary>
    /// alipay.trade.refund with out_request_no = our refund number, so a retry never refunds twice. Alipay answers a retry of a
    /// refund it already made with code 10000 and fund_change N; per its docs fund_change N (or absent) must be confirmed with
    /// alipay.trade.fastpay.refund.query, which this does: REFUND_SUCCESS is Succeeded, anything else Pending.
    /// </summary>
    public async Task<RefundOutcome> RefundAsync(RefundCall request, CancellationToken ct)
    {
        RequireCnyAmount(request.Amount, nameof(request));
        var biz = BizContent(w =>
        {
            w.WriteString("out_trade_no", request.OrderNumber);
            w.WriteString("refund_amount", FormatYuan(request.Amount.MinorUnits));
            w.WriteString("out_request_no", request.RefundNumber);
            if (!string.IsNullOrWhiteSpace(request.Reason)) w.WriteString("refund_reason", Truncate(request.Reason.Trim(), 256));
        });
        using var response = await CallAsync("alipay.trade.refund", biz, ct);
        var r = response.RootElement;
        var code = Str(r, "code");
        var subCode = Str(r, "sub_code");
        if (code == "10000")
        {
            if (Str(r, "fund_change") == "Y") return new RefundOutcome(RefundOutcomeState.Succeeded, request.RefundNumber, null);
            return await ConfirmRefundAsync(request, ct);
        }
        if (code == "40004" && subCode != "ACQ.SYSTEM_ERROR")
            return new RefundOutcome(RefundOutcomeState.Failed, null, Str(r, "sub_msg") ?? subCode ?? Str(r, "msg"));
        throw Failure("alipay.trade.refund", r); // 20000, ACQ.SYSTEM_ERROR, gateway/configuration errors: retry with the same number
    }

    private async Task<RefundOutcome> ConfirmRefundAsync(RefundCall request, CancellationToken ct)
    {
        try
        {
            var biz = BizContent(w =>
            {
                w.WriteString("out_trade_no", request.OrderNumber);
                w.WriteString("out_request_no", request.RefundNumber);
            });
            using var response = await CallAsync("alipay.trade.fastpay.refund.query", biz, ct);
            var r = response.RootElement;
            if (Str(r, "code") == "10000" && Str(r, "refund_status") == "REFUND_SUCCESS")
                return new RefundOutcome(RefundOutcomeState.Succeeded, request.RefundNumber, null);
        }
        catch (PaymentGatewayException e)
        {
            LogGatewayError(logger, "alipay.trade.fastpay.refund.query", e.Message);
        }
        return new RefundOutcome(RefundOutcomeState.Pending, request.RefundNumber,
            "Alipay accepted the refund without a fund change; not confirmed yet.");
    }

    // ---------------------------------------------------------------- OpenAPI calls

    /// <summary>
    /// POSTs a signed request and returns the verified <c>{method}_response</c> object. The response signature covers the
    /// exact bytes of that JSON value as sent (Alipay signs the text, so it is never re-serialized before verifying).
    /// </summary>
    private async Task<JsonDocument> CallAsync(string method, string bizContent, CancellationToken ct)
    {
        var parameters = CommonParameters(method, bizContent);
        parameters["sign"] = signature.Sign(AlipaySignature.RequestContent(parameters));
        var url = options.GatewayUrl + (options.GatewayUrl.Contains('?') ? "&" : "?") + "charset=" + options.Charset;

        byte[] body;
        try
        {
            using var content = new FormUrlEncodedContent(parameters);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
            using var http = await httpClients.CreateClient(HttpClientName).PostAsync(url, content, ct);
            if (!http.IsSuccessStatusCode)
                throw new PaymentGatewayException($"Alipay {method} answered HTTP {(int)http.StatusCode}.");
            body = await http.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            LogGatewayError(logger, method, e.Message);
            throw new PaymentGatewayException($"Alipay {method} could not be reached: {e.Message}", e);
        }

        var responseKey = method.Replace('.', '_') + "_response";
        if (!TrySplitResponse(body, responseKey, out var signed, out var sign, out var error))
        {
            LogGatewayError(logger, method, error);
            throw new PaymentGatewayException($"Alipay {method}: {error}");
        }
        if (sign is null || !signature.Verify(body.AsSpan(signed), sign))
        {
            // Alipay leaves gateway errors (bad app id, isv.invalid-signature) unsigned: name the code, act on nothing.
            var problem = sign is null ? $"unsigned response ({Unverified(body.AsMemory(signed))})" : "response signature does not verify with the Alipay public key";
            LogGatewayError(logger, method, problem);
            throw new PaymentGatewayException($"Alipay {method}: {problem}.");
        }
        return JsonDocument.Parse(body.AsMemory(signed));
    }

    /// <summary>Finds the raw text of <paramref name="responseKey"/>'s object and the top-level "sign" in a gateway response.</summary>
    internal static bool TrySplitResponse(byte[] body, string responseKey, out Range signed, out string? sign, out string error)
    {
        signed = default;
        sign = null;
        error = "";
        var found = false;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "response is not a JSON object";
                return false;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == responseKey && reader.TokenType == JsonTokenType.StartObject)
                {
                    if (found)
                    {
                        error = $"{responseKey} appears twice";
                        return false;
                    }
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    signed = start..((int)reader.TokenStartIndex + 1);
                    found = true;
                }
                else if (name == "sign" && reader.TokenType == JsonTokenType.String)
                {
                    sign = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            error = $"response is not valid JSON ({e.Message})";
            return false;
        }
        if (!found) error = $"response has no {responseKey}";
        return found;
    }

    private static string Unverified(ReadOnlyMemory<byte> node)
    {
        using var doc = JsonDocument.Parse(node);
        var r = doc.RootElement;
        return $"{Str(r, "code")} {Str(r, "msg")} {Str(r, "sub_code")} {Str(r, "sub_msg")}".Trim();
    }

    private Dictionary<string, string> CommonParameters(string method, string bizContent) => new(StringComparer.Ordinal)
    {
        ["app_id"] = options.AppId,
        ["method"] = method,
        ["format"] = "JSON",
        ["charset"] = options.Charset,
        ["sign_type"] = "RSA2",
        ["timestamp"] = ChinaTime(clock.GetUtcNow()),
        ["version"] = "1.0",
        ["biz_content"] = bizContent,
    };

    private static PaymentGatewayException Failure(string method, JsonElement r) =>
        new($"Alipay {method} failed: {Str(r, "code")} {Str(r, "msg")} {Str(r, "sub_code")} {Str(r, "sub_msg")}".TrimEnd());

    private static string BizContent(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, BizJson))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // ---------------------------------------------------------------- formats

    /// <summary>Fen to the yuan string Alipay expects: 4990 → "49.90" (invariant culture, always two decimals).</summary>
    public static string FormatYuan(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Strict yuan parsing: digits, optionally a point and one or two decimals; no sign, exponent, grouping or spaces.</summary>
    public static bool TryParseYuan(string? text, out long fen)
    {
        fen = 0;
        if (text is null) return false;
        var m = YuanPattern().Match(text);
        if (!m.Success) return false;
        var decimals = m.Groups[2].Value.PadRight(2, '0');
        fen = long.Parse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture) * 100
              + int.Parse(decimals, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,11})(?:\.([0-9]{1,2}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex YuanPattern();

    private static string ChinaTime(DateTimeOffset instant) =>
        instant.ToOffset(ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string ChinaTime(DateTime utc) =>
        ChinaTime(new DateTimeOffset(DateTime.SpecifyKind(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc, DateTimeKind.Utc)));

    private static DateTime? ParseChinaTime(string? text) =>
        DateTime.TryParseExact(text, ChinaTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local - ChinaOffset, DateTimeKind.Utc)
            : null;

    private static bool IsUtf8(string charset) =>
        charset.Trim().Trim('"') is var c && (c.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || c.Equals("utf8", StringComparison.OrdinalIgnoreCase));

    /// <summary>Alipay's subject may not contain / = &amp; and is at most 256 characters.</summary>
    private static string CleanSubject(string subject)
    {
        var cleaned = string.Concat(subject.Select(c => c is '/' or '=' or '&' || char.IsControl(c) ? ' ' : c)).Trim();
        return Truncate(cleaned.Length == 0 ? "KnowledgeHub" : cleaned, 256);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    private static void RequireCnyAmount(Money amount, string paramName)
    {
        if (amount.Currency != Money.Cny) throw new ArgumentException($"Alipay charges CNY only, not {amount.Currency}.", paramName);
        if (amount.MinorUnits <= 0) throw new ArgumentException($"Alipay amounts must be at least 0.01, not {amount}.", paramName);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alipay notification rejected: {Reason}")]
    private static partial void LogNotifyRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alipay {Method} failed: {Problem}")]
    private static partial void LogGatewayError(ILogger logger, string method, string problem);

    /// <summary>
    /// An application/x-www-form-urlencoded body split into percent-decoded byte values, so the charset parameter can be
    /// read before any text is decoded. Duplicate keys are refused: a signed notification never repeats a parameter.
    /// </summary>
    private sealed class FormBody
    {
        private readonly List<(byte[] Key, byte[] Value)> pairs = [];

        public static FormBody? Parse(byte[] body, out string? error)
        {
            error = null;
            var form = new FormBody();
            foreach (var segment in Split(body, (byte)'&'))
            {
                if (segment.Length == 0) continue;
                var eq = Array.IndexOf(segment, (byte)'=');
                var key = Unescape(eq < 0 ? segment : segment[..eq]);
                var value = eq < 0 ? [] : Unescape(segment[(eq + 1)..]);
                if (key is null || value is null)
                {
                    error = "The body is not valid application/x-www-form-urlencoded (bad percent escape).";
                    return null;
                }
                form.pairs.Add((key, value));
            }
            if (form.pairs.Count == 0)
            {
                error = "The body has no parameters.";
                return null;
            }
            return form;
        }

        public string? Get(string asciiKey)
        {
            var key = Encoding.ASCII.GetBytes(asciiKey);
            var pair = pairs.FirstOrDefault(p => p.Key.AsSpan().SequenceEqual(key));
            return pair.Key is null ? null : Encoding.Latin1.GetString(pair.Value);
        }

        /// <exception cref="DecoderFallbackException">Invalid bytes for the charset.</exception>
        /// <exception cref="FormatException">A parameter appears twice.</exception>
        public Dictionary<string, string> Decode(Encoding encoding)
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in pairs)
                if (!fields.TryAdd(encoding.GetString(key), encoding.GetString(value)))
                    throw new FormatException("A parameter appears twice.");
            return fields;
        }

        private static IEnumerable<byte[]> Split(byte[] body, byte separator)
        {
            var start = 0;
            for (var i = 0; i <= body.Length; i++)
            {
                if (i < body.Length && body[i] != separator) continue;
                yield return body[start..i];
                start = i + 1;
            }
        }

        private static byte[]? Unescape(byte[] raw)
        {
            var output = new List<byte>(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                var b = raw[i];
                if (b == (byte)'+')
                {
                    output.Add((byte)' ');
                }
                else if (b == (byte)'%')
                {
                    if (i + 2 >= raw.Length || !IsHex(raw[i + 1]) || !IsHex(raw[i + 2])) return null;
                    output.Add((byte)(HexValue(raw[i + 1]) << 4 | HexValue(raw[i + 2])));
                    i += 2;
                }
                else
                {
                    output.Add(b);
                }
            }
            return [.. output];
        }

        private static bool IsHex(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';
        private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
