using System.Text;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Orders;

public sealed class SandboxGatewayTests : IDisposable
{
    private readonly TestDb store = new();

    public void Dispose() => store.Dispose();

    private static WebhookRequest Signed(OrdersWorld w, string body, DateTimeOffset? at = null, SandboxSignature? signer = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest(bytes, "application/json",
            new Dictionary<string, string> { [SandboxSignature.Header] = (signer ?? w.Signature).Sign(bytes, at ?? w.Clock.GetUtcNow()) });
    }

    private static async Task<(OrdersWorld W, string Number, string Payment)> OpenPaymentAsync(TestDb store)
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var (number, payment) = await w.PlaceAsync(await w.AddLearnerAsync(), [course]);
        return (w, number, payment);
    }

    [Fact]
    public async Task PayAsync_TestCard_PaidAndASignedNotificationQueued()
    {
        var (w, number, payment) = await OpenPaymentAsync(store);

        var result = await w.Cashier.PayAsync(payment, "4242 4242 4242 4242");

        Assert.Equal("http://shop.test/orders/" + number, result.Value);
        var queued = await w.Catalog.QueryAsync(db => db.SandboxNotifications.SingleAsync());
        var parsed = w.Sandbox.ParseWebhook(Signed(w, queued.Body));
        var n = Assert.Single(parsed.Notifications);
        Assert.Equal((PaymentEventKind.Paid, number, 4990L, payment), (n.Kind, n.OrderNumber, n.Amount!.MinorUnits, n.ProviderPaymentId));
        Assert.Equal(PaymentQueryState.Paid, (await w.Sandbox.QueryAsync(new PaymentQuery(number, payment, null), default)).State);
    }

    [Theory]
    [InlineData(SandboxCards.Declined, SandboxErrors.Declined)]
    [InlineData(SandboxCards.InsufficientFunds, SandboxErrors.InsufficientFunds)]
    [InlineData("4242 4242 4242 4241", SandboxErrors.BadCard)]
    [InlineData("", SandboxErrors.BadCard)]
    public async Task PayAsync_DecliningOrInvalidCard_PaymentStaysOpen(string card, string code)
    {
        var (w, number, payment) = await OpenPaymentAsync(store);

        var result = await w.Cashier.PayAsync(payment, card);

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(PaymentQueryState.Pending, (await w.Sandbox.QueryAsync(new PaymentQuery(number, payment, null), default)).State);
        Assert.True((await w.Cashier.PayAsync(payment, SandboxCards.Success)).IsSuccess);
    }

    [Fact]
    public async Task PayAsync_AfterCancel_RefusedAsNotOpen()
    {
        var (w, _, payment) = await OpenPaymentAsync(store);
        await w.Cashier.CancelAsync(payment);
        Assert.Equal(SandboxErrors.NotOpen, (await w.Cashier.PayAsync(payment, SandboxCards.Success)).Error?.Code);
    }

    [Fact]
    public async Task ParseWebhook_ForgedStaleTamperedUnsigned_RejectedWithoutNotifications()
    {
        var (w, _, payment) = await OpenPaymentAsync(store);
        await w.Cashier.PayAsync(payment, SandboxCards.Success);
        var body = (await w.Catalog.QueryAsync(db => db.SandboxNotifications.SingleAsync())).Body;

        var forged = w.Sandbox.ParseWebhook(Signed(w, body, signer: new SandboxSignature("another-secret")));
        var stale = w.Sandbox.ParseWebhook(Signed(w, body, at: w.Clock.GetUtcNow().AddSeconds(-301)));
        var good = Signed(w, body);
        var bytes = (byte[])good.Body.Clone();
        bytes[bytes.Length / 2] ^= 0x01;
        var tampered = w.Sandbox.ParseWebhook(good with { Body = bytes });
        var unsigned = w.Sandbox.ParseWebhook(new WebhookRequest(Encoding.UTF8.GetBytes(body), "application/json", new Dictionary<string, string>()));

        Assert.All(new[] { forged, stale, tampered, unsigned }, r =>
        {
            Assert.False(r.Verified);
            Assert.Empty(r.Notifications);
        });
        Assert.True(w.Sandbox.ParseWebhook(good).Verified);
    }

    [Fact]
    public async Task ParseWebhook_SignedButAmountEdited_StillRejected()
    {
        var (w, _, payment) = await OpenPaymentAsync(store);
        await w.Cashier.PayAsync(payment, SandboxCards.Success);
        var body = (await w.Catalog.QueryAsync(db => db.SandboxNotifications.SingleAsync())).Body;
        var request = Signed(w, body);
        var edited = request with { Body = Encoding.UTF8.GetBytes(body.Replace("4990", "1")) };

        Assert.False(w.Sandbox.ParseWebhook(edited).Verified);
    }

    [Fact]
    public async Task RefundAsync_SameRefundNumberTwice_OneRefund()
    {
        var (w, number, payment) = await OpenPaymentAsync(store);
        await w.Cashier.PayAsync(payment, SandboxCards.Success);
        var call = new RefundCall(number, payment, "RF-1", new Money(1000, Money.Cny), new Money(4990, Money.Cny), "test");

        var first = await w.Sandbox.RefundAsync(call, default);
        var second = await w.Sandbox.RefundAsync(call, default);

        Assert.Equal(first.ProviderRefundId, second.ProviderRefundId);
        Assert.Equal(1000, (await w.Catalog.QueryAsync(db => db.SandboxPayments.SingleAsync())).Refunded.MinorUnits);
        Assert.Equal(RefundOutcomeState.Failed, (await w.Sandbox.RefundAsync(call with { RefundNumber = "RF-2", Amount = new Money(4000, Money.Cny) }, default)).State);
    }

    [Fact]
    public async Task ReconcileAsync_PaidWhileNotificationsWereLost_OrderPaidOnce()
    {
        var (w, number, payment) = await OpenPaymentAsync(store);
        await w.Cashier.PayAsync(payment, SandboxCards.Success); // the notification is never delivered (the app was down)
        w.Clock.Advance(PaymentJobs.ReconcileAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await w.Jobs.ReconcileAsync(default));
        Assert.Equal(0, await w.Jobs.ReconcileAsync(default));

        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
        // The notification arriving later is a no-op.
        var body = (await w.Catalog.QueryAsync(db => db.SandboxNotifications.SingleAsync())).Body;
        foreach (var n in w.Sandbox.ParseWebhook(Signed(w, body)).Notifications) await w.Settlement.ApplyAsync(n);
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.Enrollments.CountAsync()));
    }

    [Fact]
    public async Task ExpireAsync_PaidAtTheLastMinute_PaidNotExpired()
    {
        var (w, number, payment) = await OpenPaymentAsync(store);
        w.Clock.Advance(TimeSpan.FromMinutes(29));
        await w.Cashier.PayAsync(payment, SandboxCards.Success);
        w.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(0, await w.Jobs.ExpireAsync(default));
        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
    }

    [Fact]
    public async Task ExpireAsync_Unpaid_ExpiredAndTheCashierRefuses()
    {
        var (w, number, payment) = await OpenPaymentAsync(store);
        w.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(1, await w.Jobs.ExpireAsync(default));
        Assert.Equal(OrderStatus.Expired, (await w.OrderAsync(number)).Status);
        Assert.Equal(SandboxErrors.NotOpen, (await w.Cashier.PayAsync(payment, SandboxCards.Success)).Error?.Code);
    }
}
