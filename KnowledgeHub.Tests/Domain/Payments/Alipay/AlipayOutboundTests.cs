using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Payments;
using static KnowledgeHub.Tests.Domain.Payments.Alipay.AlipayTestKit;

namespace KnowledgeHub.Tests.Domain.Payments.Alipay;

/// <summary>alipay.trade.query and alipay.trade.refund against <see cref="FakeAlipayGateway"/> over real HTTP on loopback.</summary>
public sealed class AlipayOutboundTests : IAsyncLifetime
{
    private FakeAlipayGateway fake = null!;

    public async Task InitializeAsync() => fake = await FakeAlipayGateway.StartAsync();
    public async Task DisposeAsync() => await fake.DisposeAsync();

    private const string PaidQuery = """
        {"code":"10000","msg":"Success","buyer_logon_id":"tes***@example.com","buyer_pay_amount":"49.90","buyer_user_id":"2088102122524333","invoice_amount":"49.90","out_trade_no":"KH-20250301-0001","point_amount":"0.00","receipt_amount":"49.90","send_pay_date":"2025-03-01 10:04:30","total_amount":"49.90","trade_no":"2025030122001404331234567890","trade_status":"TRADE_SUCCESS","fund_bill_list":[{"amount":"49.90","fund_channel":"ALIPAYACCOUNT"}],"subject":"C# 从入门到精通 \/ 第一版"}
        """;

    private static readonly PaymentQuery Query = new("KH-20250301-0001", null, null);

    private static RefundCall Refund(long fen = 1230) => new(
        "KH-20250301-0001", "2025030122001404331234567890", "KH-20250301-0001-R1",
        new Money(fen, Money.Cny), new Money(4990, Money.Cny), "课程不符合预期");

    private IPaymentGateway Gateway(out IDisposable scope)
    {
        var gateway = AlipayTestKit.Gateway(out var provider, gatewayUrl: fake.GatewayUrl);
        scope = provider;
        return gateway;
    }

    [Fact]
    public async Task QueryAsync_TradeSuccess_ReturnsPaidFromSignedResponse()
    {
        fake.Respond = (_, _) => PaidQuery;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var report = await gateway.QueryAsync(Query, CancellationToken.None);

        Assert.Equal(PaymentQueryState.Paid, report.State);
        Assert.Equal(new Money(4990, Money.Cny), report.Amount);
        Assert.Equal("2025030122001404331234567890", report.ProviderPaymentId);
        Assert.Equal(new DateTime(2025, 3, 1, 2, 4, 30, DateTimeKind.Utc), report.PaidUtc);
    }

    [Fact]
    public async Task QueryAsync_Request_IsSignedWithTheAppKeyAndCarriesTheDocumentedParameters()
    {
        fake.Respond = (_, _) => PaidQuery;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await gateway.QueryAsync(Query, CancellationToken.None);

        var request = Assert.Single(fake.Requests);
        Assert.True(request.SignatureValid);
        Assert.Equal("alipay.trade.query", request.Method);
        Assert.Equal(AppId, request.Parameters["app_id"]);
        Assert.Equal("RSA2", request.Parameters["sign_type"]);
        Assert.Equal("utf-8", request.Parameters["charset"]);
        Assert.Equal("JSON", request.Parameters["format"]);
        Assert.Equal("1.0", request.Parameters["version"]);
        Assert.Equal("2025-03-01 10:03:04", request.Parameters["timestamp"]);
        Assert.Equal("utf-8", request.QueryCharset);
        Assert.Equal("KH-20250301-0001", request.Biz.GetProperty("out_trade_no").GetString());
    }

    [Fact]
    public async Task QueryAsync_SignPrecedesResponseObject_StillVerifies()
    {
        fake.Respond = (_, _) => PaidQuery;
        fake.SignBeforeResponse = true;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(PaymentQueryState.Paid, (await gateway.QueryAsync(Query, CancellationToken.None)).State);
    }

    [Fact]
    public async Task QueryAsync_WaitBuyerPay_ReturnsPending()
    {
        fake.Respond = (_, _) => """{"code":"10000","msg":"Success","out_trade_no":"KH-20250301-0001","total_amount":"49.90","trade_no":"2025030122001404331234567890","trade_status":"WAIT_BUYER_PAY"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(PaymentQueryState.Pending, (await gateway.QueryAsync(Query, CancellationToken.None)).State);
    }

    [Fact]
    public async Task QueryAsync_TradeClosed_ReturnsClosed()
    {
        fake.Respond = (_, _) => """{"code":"10000","msg":"Success","out_trade_no":"KH-20250301-0001","total_amount":"49.90","trade_no":"2025030122001404331234567890","trade_status":"TRADE_CLOSED"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(PaymentQueryState.Closed, (await gateway.QueryAsync(Query, CancellationToken.None)).State);
    }

    [Fact]
    public async Task QueryAsync_TradeNotExist_ReturnsNotFound()
    {
        fake.Respond = (_, _) => """{"code":"40004","msg":"Business Failed","sub_code":"ACQ.TRADE_NOT_EXIST","sub_msg":"交易不存在","buyer_pay_amount":"0.00","invoice_amount":"0.00","out_trade_no":"KH-20250301-0001","point_amount":"0.00","receipt_amount":"0.00"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var report = await gateway.QueryAsync(Query, CancellationToken.None);

        Assert.Equal(PaymentQueryState.NotFound, report.State);
        Assert.Equal("交易不存在", report.Message);
    }

    [Theory]
    [InlineData(FakeResponseSigning.TamperedAfterSigning)]
    [InlineData(FakeResponseSigning.SignedByStranger)]
    [InlineData(FakeResponseSigning.Unsigned)]
    public async Task QueryAsync_ResponseSignatureNotAlipays_ThrowsPaymentGatewayException(FakeResponseSigning signing)
    {
        fake.Respond = (_, _) => PaidQuery;
        fake.Signing = signing;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_RequestSignedWithWrongAppKey_ThrowsNamingAlipaysUnsignedError()
    {
        fake.Respond = (_, _) => PaidQuery;
        fake.Signing = FakeResponseSigning.Unsigned; // Alipay does not sign gateway errors
        var gateway = AlipayTestKit.Gateway(out var provider, gatewayUrl: fake.GatewayUrl, privateKey: StrangerKey.ExportPkcs8PrivateKeyPem());
        using var _ = provider;

        var e = await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));

        Assert.False(Assert.Single(fake.Requests).SignatureValid);
        Assert.Contains("isv.invalid-signature", e.Message);
    }

    [Fact]
    public async Task QueryAsync_HttpError_ThrowsPaymentGatewayException()
    {
        fake.Respond = (_, _) => PaidQuery;
        fake.StatusCode = 502;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_GatewayUnreachable_ThrowsPaymentGatewayException()
    {
        var url = fake.GatewayUrl;
        await fake.DisposeAsync(); // nothing listens on that port any more
        fake = await FakeAlipayGateway.StartAsync();
        var gateway = AlipayTestKit.Gateway(out var provider, gatewayUrl: url);
        using var _ = provider;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_ResponseAboutAnotherOrder_ThrowsPaymentGatewayException()
    {
        fake.Respond = (_, _) => PaidQuery.Replace("KH-20250301-0001", "KH-20250301-0002");
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));
    }

    [Fact]
    public async Task QueryAsync_SystemError_ThrowsPaymentGatewayException()
    {
        fake.Respond = (_, _) => """{"code":"20000","msg":"Service Currently Unavailable","sub_code":"aop.unknow-error","sub_msg":"系统繁忙"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.QueryAsync(Query, CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_FundChangeY_SucceedsWithOurRefundNumber()
    {
        fake.Respond = (_, _) => """{"code":"10000","msg":"Success","buyer_logon_id":"tes***@example.com","buyer_user_id":"2088102122524333","fund_change":"Y","gmt_refund_pay":"2025-03-02 09:00:00","out_trade_no":"KH-20250301-0001","refund_fee":"12.30","send_back_fee":"0.00","trade_no":"2025030122001404331234567890"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Succeeded, outcome.State);
        Assert.Equal("KH-20250301-0001-R1", outcome.ProviderRefundId);
        var request = Assert.Single(fake.Requests);
        Assert.True(request.SignatureValid);
        Assert.Equal("alipay.trade.refund", request.Method);
        Assert.Equal("KH-20250301-0001", request.Biz.GetProperty("out_trade_no").GetString());
        Assert.Equal("12.30", request.Biz.GetProperty("refund_amount").GetString());
        Assert.Equal("KH-20250301-0001-R1", request.Biz.GetProperty("out_request_no").GetString());
        Assert.Equal("课程不符合预期", request.Biz.GetProperty("refund_reason").GetString());
    }

    [Fact]
    public async Task RefundAsync_BusinessFailure_FailedWithSubMsg()
    {
        fake.Respond = (_, _) => """{"code":"40004","msg":"Business Failed","sub_code":"ACQ.REFUND_AMT_NOT_EQUAL_TOTAL","sub_msg":"退款金额超限","out_trade_no":"KH-20250301-0001","refund_fee":"0.00","send_back_fee":"0.00"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Failed, outcome.State);
        Assert.Equal("退款金额超限", outcome.Message);
    }

    [Fact]
    public async Task RefundAsync_RetryAnsweredFundChangeNAndRefundQueryConfirms_Succeeded()
    {
        fake.Respond = (method, _) => method switch
        {
            "alipay.trade.refund" => """{"code":"10000","msg":"Success","fund_change":"N","out_trade_no":"KH-20250301-0001","refund_fee":"12.30","trade_no":"2025030122001404331234567890"}""",
            "alipay.trade.fastpay.refund.query" => """{"code":"10000","msg":"Success","out_request_no":"KH-20250301-0001-R1","out_trade_no":"KH-20250301-0001","refund_amount":"12.30","refund_status":"REFUND_SUCCESS","total_amount":"49.90","trade_no":"2025030122001404331234567890"}""",
            _ => null,
        };
        var gateway = Gateway(out var scope);
        using var _ = scope;

        var outcome = await gateway.RefundAsync(Refund(), CancellationToken.None);

        Assert.Equal(RefundOutcomeState.Succeeded, outcome.State);
        Assert.Equal("KH-20250301-0001-R1", outcome.ProviderRefundId);
        var confirm = fake.Requests[1];
        Assert.True(confirm.SignatureValid);
        Assert.Equal("KH-20250301-0001-R1", confirm.Biz.GetProperty("out_request_no").GetString());
    }

    [Fact]
    public async Task RefundAsync_FundChangeNAndNotConfirmed_Pending()
    {
        fake.Respond = (method, _) => method switch
        {
            "alipay.trade.refund" => """{"code":"10000","msg":"Success","fund_change":"N","out_trade_no":"KH-20250301-0001","refund_fee":"0.00","trade_no":"2025030122001404331234567890"}""",
            "alipay.trade.fastpay.refund.query" => """{"code":"10000","msg":"Success","out_request_no":"KH-20250301-0001-R1","out_trade_no":"KH-20250301-0001","trade_no":"2025030122001404331234567890"}""",
            _ => null,
        };
        var gateway = Gateway(out var scope);
        using var _ = scope;

        Assert.Equal(RefundOutcomeState.Pending, (await gateway.RefundAsync(Refund(), CancellationToken.None)).State);
    }

    [Fact]
    public async Task RefundAsync_TamperedResponse_ThrowsPaymentGatewayException()
    {
        fake.Respond = (_, _) => """{"code":"10000","msg":"Success","fund_change":"Y","out_trade_no":"KH-20250301-0001","refund_fee":"12.30","trade_no":"2025030122001404331234567890"}""";
        fake.Signing = FakeResponseSigning.TamperedAfterSigning;
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(Refund(), CancellationToken.None));
    }

    [Fact]
    public async Task RefundAsync_SystemError_ThrowsSoTheSameRefundNumberIsRetried()
    {
        fake.Respond = (_, _) => """{"code":"40004","msg":"Business Failed","sub_code":"ACQ.SYSTEM_ERROR","sub_msg":"系统错误"}""";
        var gateway = Gateway(out var scope);
        using var _ = scope;

        await Assert.ThrowsAsync<PaymentGatewayException>(() => gateway.RefundAsync(Refund(), CancellationToken.None));
    }
}
