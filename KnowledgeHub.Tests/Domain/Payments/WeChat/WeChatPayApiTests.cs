using System.Text.Json.Nodes;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.WeChat;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Domain.Payments.WeChat;

public sealed class WeChatPayApiTests : IAsyncLifetime
{
    private readonly WeChatPayTestKit kit = new();
    private FakeWeChatPayServer server = null!;
    private IPaymentGateway gateway = null!;

    public async Task InitializeAsync()
    {
        server = await FakeWeChatPayServer.StartAsync(kit);
        gateway = kit.Gateway(server.Url);
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        kit.Dispose();
    }

    private static PaymentRequest Order(string subject = "ASP.NET Core 从入门到精通") => new(
        "KH20250601000042", new Money(4990, "CNY"), subject, "https://shop.example.com/orders/KH20250601000042",
        "https://shop.example.com/payments/wechat/notify", new DateTime(2025, 6, 1, 4, 30, 0, DateTimeKind.Utc), null, "203.0.113.7");

    private static RefundCall Refund(string? notifyUrl = "https://shop.example.com/payments/wechat/notify") => new(
        "KH20250601000042", "4200002520202506011234567890", "RF20250601000007", new Money(1990, "CNY"), new Money(4990, "CNY"),
        "学员申请退款", notifyUrl);

    [Fact]
    public async Task CreateCheckoutAsync_ValidOrder_PostsSignedNativeOrderAndReturnsCodeUrl()
    {
        server.Respond = _ => (200, """{"code_url":"weixin://wxpay/bizpayurl?pr=p4lpSuKzz"}""");

        var session = await gateway.CreateCheckoutAsync(Order(), CancellationToken.None);

        Assert.Equal(CheckoutSessionKind.QrCode, session.Kind);
        Assert.Equal("weixin://wxpay/bizpayurl?pr=p4lpSuKzz", session.Url);
        Assert.Null(session.ProviderSessionId);
        Assert.Empty(server.AuthorizationFailures);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/pay/transactions/native", request.Target);
        Assert.StartsWith("WECHATPAY2-SHA256-RSA2048 mchid=\"1900000109\",nonce_str=\"", request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(WeChatPayTestKit.AppId, (string?)body["appid"]);
        Assert.Equal(WeChatPayTestKit.MerchantId, (string?)body["mchid"]);
        Assert.Equal("ASP.NET Core 从入门到精通", (string?)body["description"]);
        Assert.Equal("KH20250601000042", (string?)body["out_trade_no"]);
        Assert.Equal("2025-06-01T12:30:00+08:00", (string?)body["time_expire"]);
        Assert.Equal("https://shop.example.com/payments/wechat/notify", (string?)body["notify_url"]);
        Assert.Equal(4990, (int)body["amount"]!["total"]!);
        Assert.Equal("CNY", (string?)body["amount"]!["currency"]);
    }

    [Fact]
    public async Task CreateCheckoutAsync_LongSubject_TruncatesDescriptionTo127Characters()
    {
        server.Respond = _ => (200, """{"code_url":"weixin://wxpay/bizpayurl?pr=abc"}""");

        await gateway.CreateCheckoutAsync(Order(new string('课', 200)), CancellationToken.None);

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal(new string('课', 127), (string?)body["description"]);
    }

    [Fact]
    public async Task CreateCheckoutAsync_BusinessError_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (403, """{"code":"ORDERPAID","message":"该订单已支付"}""");

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCheckoutAsync(Order(), CancellationToken.None));

        Assert.Contains("ORDERPAID", error.Message);
    }

    [Fact]
    public async Task CreateCheckoutAsync_NonCnyAmount_ThrowsWithoutCallingWeChat()
    {
        var request = Order() with { Amount = new Money(999, "USD") };

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCheckoutAsync(request, CancellationToken.None));

        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task CreateCheckoutAsync_MerchantKeyUnknownToWeChat_ThrowsPaymentGatewayException()
    {
        // The fake checks every Authorization: a gateway signing with another merchant key gets 401 SIGN_ERROR.
        using var impostor = new WeChatPayTestKit(otherKeys: true);
        var settings = kit.Settings(server.Url);
        settings[$"{WeChatPayOptions.Section}:MerchantPrivateKey"] = impostor.MerchantKey.ExportPkcs8PrivateKeyPem();
        var wrongKeyGateway = kit.Services(settings).GetRequiredService<IPaymentGateway>();

        var error = await Assert.ThrowsAsync<PaymentGatewayException>(() => wrongKeyGateway.CreateCheckoutAsync(Order(), CancellationToken.None));

        Assert.Contains("SIGN_ERROR", error.Message);
        Assert.Equal("signature", Assert.Single(server.AuthorizationFailures));
    }

    [Fact]
    public async Task QueryAsync_PaidOrder_ReturnsPaidWithAmountTransactionAndTime()
    {
        server.Respond = _ => (200, Transaction("SUCCESS"));

        var report = await gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None);

        Assert.Equal(PaymentQueryState.Paid, report.State);
        Assert.Equal(new Money(4990, "CNY"), report.Amount);
        Assert.Equal("4200002520202506011234567890", report.ProviderPaymentId);
        Assert.Equal(new DateTime(2025, 6, 1, 3, 59, 30, DateTimeKind.Utc), report.PaidUtc);
        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v3/pay/transactions/out-trade-no/KH20250601000042?mchid=1900000109", request.Target);
        Assert.Equal("", request.Body);
        Assert.Empty(server.AuthorizationFailures);
    }

    [Theory]
    [InlineData("NOTPAY", PaymentQueryState.Pending)]
    [InlineData("USERPAYING", PaymentQueryState.Pending)]
    [InlineData("CLOSED", PaymentQueryState.Closed)]
    [InlineData("REVOKED", PaymentQueryState.Closed)]
    [InlineData("PAYERROR", PaymentQueryState.Closed)]
    [InlineData("REFUND", PaymentQueryState.Paid)]
    [InlineData("SOMETHING_NEW", PaymentQueryState.Unknown)]
    public async Task QueryAsync_TradeState_MapsToQueryState(string tradeState, PaymentQueryState expected)
    {
        server.Respond = _ => (200, Transaction(tradeState));

        var report = await gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None);

        Assert.Equal(expected, report.State);
    }

    [Fact]
    public async Task QueryAsync_OrderNotExist_ReturnsNotFound()
    {
        server.Respond = _ => (404, """{"code":"ORDER_NOT_EXIST","message":"订单不存在"}""");

        var report = await gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None);

        Assert.Equal(PaymentQueryState.NotFound, report.State);
    }

    [Fact]
    public async Task QueryAsync_SystemError_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (500, """{"code":"SYSTEM_ERROR","message":"系统错误"}""");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_ServerUnreachable_ThrowsPaymentGatewayException()
    {
        var url = server.Url;
        await server.DisposeAsync();
        var offline = kit.Gateway(url);

        await Assert.ThrowsAsync<PaymentGatewayException>(() => offline.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None));

        server = await FakeWeChatPayServer.StartAsync(kit); // for DisposeAsync
    }

    [Theory]
    [InlineData(ResponseSigning.Corrupt)]
    [InlineData(ResponseSigning.Missing)]
    [InlineData(ResponseSigning.WrongSerial)]
    public async Task QueryAsync_BadResponseSignature_ThrowsPaymentGatewayException(ResponseSigning signing)
    {
        server.Respond = _ => (200, Transaction("SUCCESS"));
        server.Signing = signing;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_NotFoundWithBadSignature_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (404, """{"code":"ORDER_NOT_EXIST","message":"订单不存在"}""");
        server.Signing = ResponseSigning.Corrupt;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(new PaymentQuery("KH20250601000042", null, null), CancellationToken.None));
    }

    [Fact]
    public async Task CreateCheckoutAsync_BadResponseSignature_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (200, """{"code_url":"weixin://wxpay/bizpayurl?pr=forged"}""");
        server.Signing = ResponseSigning.Corrupt;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.CreateCheckoutAsync(Order(), CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_Success_PostsDomesticRefundAndReturnsSucceeded()
    {
        server.Respond = _ => (200, RefundAnswer("SUCCESS"));

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Succeeded, outcome.State);
        Assert.Equal("50300603202025060112345678901", outcome.ProviderRefundId);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/refund/domestic/refunds", request.Target);
        Assert.Empty(server.AuthorizationFailures);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("4200002520202506011234567890", (string?)body["transaction_id"]);
        Assert.Equal("RF20250601000007", (string?)body["out_refund_no"]);
        Assert.Equal("学员申请退款", (string?)body["reason"]);
        Assert.Equal("https://shop.example.com/payments/wechat/notify", (string?)body["notify_url"]);
        Assert.Equal(1990, (int)body["amount"]!["refund"]!);
        Assert.Equal(4990, (int)body["amount"]!["total"]!);
        Assert.Equal("CNY", (string?)body["amount"]!["currency"]);
    }

    [Fact]
    public async Task RefundAsync_NoNotifyUrl_OmitsNotifyUrl()
    {
        server.Respond = _ => (200, RefundAnswer("PROCESSING"));

        await gateway.RefundAsync(Refund(notifyUrl: null), CancellationToken.None);

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!.AsObject();
        Assert.False(body.ContainsKey("notify_url"));
    }

    [Fact]
    public async Task RefundAsync_Processing_ReturnsPending()
    {
        server.Respond = _ => (200, RefundAnswer("PROCESSING"));

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Pending, outcome.State);
        Assert.Equal("50300603202025060112345678901", outcome.ProviderRefundId);
    }

    [Theory]
    [InlineData("CLOSED")]
    [InlineData("ABNORMAL")]
    public async Task RefundAsync_ClosedOrAbnormal_ReturnsFailed(string status)
    {
        server.Respond = _ => (200, RefundAnswer(status));

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Failed, outcome.State);
        Assert.Contains(status, outcome.Message);
    }

    [Theory]
    [InlineData(403, "NOT_ENOUGH", "基本账户余额不足，请充值后重新发起")]
    [InlineData(400, "INVALID_REQUEST", "订单已全额退款")]
    [InlineData(404, "RESOURCE_NOT_EXISTS", "订单不存在")]
    public async Task RefundAsync_BusinessError_ReturnsFailedWithMessage(int status, string code, string message)
    {
        server.Respond = _ => (status, $$"""{"code":"{{code}}","message":"{{message}}"}""");

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Failed, outcome.State);
        Assert.Contains(code, outcome.Message);
        Assert.Contains(message, outcome.Message);
    }

    [Theory]
    [InlineData(429, "FREQUENCY_LIMITED")]
    [InlineData(500, "SYSTEM_ERROR")]
    public async Task RefundAsync_RetryableError_ThrowsPaymentGatewayException(int status, string code)
    {
        server.Respond = _ => (status, $$"""{"code":"{{code}}","message":"稍后再试"}""");

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(Refund(), CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_BadResponseSignature_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (200, RefundAnswer("SUCCESS"));
        server.Signing = ResponseSigning.Corrupt;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(Refund(), CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_StaleResponseTimestamp_ThrowsPaymentGatewayException()
    {
        server.Respond = _ => (200, RefundAnswer("SUCCESS"));
        server.Signing = ResponseSigning.StaleTimestamp;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(Refund(), CancellationToken.None));
    }

    private static string Transaction(string tradeState)
    {
        var transaction = WeChatPayTestKit.PaymentResource(tradeState);
        if (tradeState != "SUCCESS" && tradeState != "REFUND")
        {
            transaction.Remove("success_time");
            transaction.Remove("transaction_id");
        }
        return transaction.ToJsonString();
    }

    private static string RefundAnswer(string status) => new JsonObject
    {
        ["refund_id"] = "50300603202025060112345678901",
        ["out_refund_no"] = "RF20250601000007",
        ["transaction_id"] = "4200002520202506011234567890",
        ["out_trade_no"] = "KH20250601000042",
        ["channel"] = "ORIGINAL",
        ["user_received_account"] = "支付用户零钱",
        ["create_time"] = "2025-06-01T12:00:05+08:00",
        ["status"] = status,
        ["funds_account"] = "AVAILABLE",
        ["amount"] = new JsonObject
        {
            ["total"] = 4990, ["refund"] = 1990, ["payer_total"] = 4990, ["payer_refund"] = 1990,
            ["settlement_refund"] = 1990, ["settlement_total"] = 4990, ["discount_refund"] = 0, ["currency"] = "CNY",
        },
    }.ToJsonString();
}
