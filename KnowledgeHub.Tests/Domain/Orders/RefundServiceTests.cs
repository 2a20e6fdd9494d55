using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Orders;

public sealed class RefundServiceTests : IDisposable
{
    private readonly TestDb store = new();

    public void Dispose() => store.Dispose();

    /// <summary>A learner who paid for two courses (49.90 + 29.90) through the sandbox cashier.</summary>
    private static async Task<(OrdersWorld W, int Learner, int A, int B, string Number)> PaidOrderAsync(TestDb store)
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(4990), await w.AddCourseAsync(2990));
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [a, b]);
        Assert.True((await w.Cashier.PayAsync(payment, SandboxCards.Success)).IsSuccess);
        await w.Settlement.ApplyAsync(w.Paid(number, payment, 7980));
        return (w, learner, a, b, number);
    }

    private static async Task<int> LineIdAsync(OrdersWorld w, string number, int courseId) =>
        (await w.OrderAsync(number)).Lines.Single(l => l.CourseId == courseId).Id;

    [Fact]
    public async Task RefundAsync_WholeOrder_RefundedAccessEndsAndSandboxPaidBack()
    {
        var (w, learner, a, b, number) = await PaidOrderAsync(store);
        var lines = new[] { await LineIdAsync(w, number, a), await LineIdAsync(w, number, b) };

        var result = await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput(lines, null, "课程质量问题"));

        Assert.Equal(RefundStatus.Succeeded, result.Value!.Status);
        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(7980, order.RefundedTotal.MinorUnits);
        Assert.Equal(0, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(0, await w.EnrollmentCountAsync(a));
        Assert.Equal(7980, (await w.Catalog.QueryAsync(db => db.SandboxPayments.SingleAsync())).Refunded.MinorUnits);
    }

    [Fact]
    public async Task RefundAsync_OneWholeLine_OnlyThatCourseRevoked()
    {
        var (w, learner, a, b, number) = await PaidOrderAsync(store);

        await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([await LineIdAsync(w, number, b)], null, "bought by mistake"));

        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.PartiallyRefunded, order.Status);
        Assert.Equal(2990, order.RefundedTotal.MinorUnits);
        var active = await w.Catalog.QueryAsync(db => db.Enrollments.Where(e => e.LearnerId == learner).Select(e => e.CourseId).ToListAsync());
        Assert.Equal([a], active);
    }

    [Fact]
    public async Task RefundAsync_AmountOnly_PartialAndAccessKept()
    {
        var (w, learner, _, _, number) = await PaidOrderAsync(store);

        await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([], 1000, "goodwill"));

        Assert.Equal(OrderStatus.PartiallyRefunded, (await w.OrderAsync(number)).Status);
        Assert.Equal(2, await w.ActiveEnrollmentsAsync(learner));
    }

    [Fact]
    public async Task RefundAsync_NotAnAdmin_ForbiddenAndNothingChanges()
    {
        var (w, learner, _, _, number) = await PaidOrderAsync(store);

        var result = await w.Refunds.RefundAsync(learner, number, new RefundInput([], 7980, "me"));

        Assert.Equal(RefundErrors.Forbidden, result.Error?.Code);
        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
    }

    [Fact]
    public async Task RefundAsync_RandomSequences_NeverMoreThanPaid()
    {
        var (w, learner, _, _, number) = await PaidOrderAsync(store);
        var rng = new Random(7);
        long accepted = 0;
        for (var i = 0; i < 60; i++)
        {
            var amount = rng.Next(1, 2500);
            var result = await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([], amount, "part " + i));
            if (result.IsSuccess) accepted += amount;
            else Assert.Equal(RefundErrors.TooMuch, result.Error!.Code);
            var order = await w.OrderAsync(number);
            Assert.Equal(accepted, order.RefundedTotal.MinorUnits);
            Assert.InRange(order.RefundedTotal.MinorUnits, 0, order.PaidAmount.MinorUnits);
            Assert.Equal(accepted, (await w.Catalog.QueryAsync(db => db.SandboxPayments.SingleAsync())).Refunded.MinorUnits);
        }
        Assert.InRange(accepted, 7980 - 2500, 7980);
        // Replaying every refund notification the sandbox queued changes nothing.
        var before = (await w.OrderAsync(number)).RefundedTotal;
        foreach (var n in await w.Catalog.QueryAsync(db => db.SandboxNotifications.Where(x => x.Type == SandboxEventTypes.Refunded).ToListAsync()))
        {
            var parsed = w.Sandbox.ParseWebhook(new KnowledgeHub.Domain.Payments.WebhookRequest(System.Text.Encoding.UTF8.GetBytes(n.Body), "application/json",
                new Dictionary<string, string> { [SandboxSignature.Header] = w.Signature.Sign(System.Text.Encoding.UTF8.GetBytes(n.Body), w.Clock.GetUtcNow()) }));
            foreach (var notification in parsed.Notifications) await w.Settlement.ApplyAsync(notification);
        }
        Assert.Equal(before, (await w.OrderAsync(number)).RefundedTotal);
        _ = learner;
    }

    [Fact]
    public async Task RequestAsync_WithinWindowAndLowProgress_AdminApproves_Refunded()
    {
        var (w, learner, a, _, number) = await PaidOrderAsync(store);
        var line = await LineIdAsync(w, number, a);

        var requested = await w.Refunds.RequestAsync(learner, number, [line], "不适合我");
        Assert.Equal(RefundStatus.Requested, requested.Value!.Status);
        Assert.Single((await w.Queries.RefundRequestsAsync(w.AdminId))!);
        Assert.Equal(RefundErrors.AlreadyRequested, (await w.Refunds.RequestAsync(learner, number, [line], "again")).Error?.Code);

        var approved = await w.Refunds.ApproveAsync(w.AdminId, number, requested.Value.Number);

        Assert.Equal(RefundStatus.Succeeded, approved.Value!.Status);
        Assert.Equal(OrderStatus.PartiallyRefunded, (await w.OrderAsync(number)).Status);
        Assert.Empty((await w.Queries.RefundRequestsAsync(w.AdminId))!);
    }

    [Fact]
    public async Task RequestAsync_AfterTheWindow_Refused()
    {
        var (w, learner, a, _, number) = await PaidOrderAsync(store);
        w.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var result = await w.Refunds.RequestAsync(learner, number, [await LineIdAsync(w, number, a)], "late");

        Assert.Equal(RefundErrors.WindowPassed, result.Error?.Code);
    }

    [Fact]
    public async Task RequestAsync_ThirtyPercentProgress_Refused()
    {
        var (w, learner, a, _, number) = await PaidOrderAsync(store);
        await using (var db = await w.Db.CreateDbContextAsync())
        {
            var enrollment = await db.Enrollments.SingleAsync(e => e.LearnerId == learner && e.CourseId == a);
            enrollment.RecordProgress(30, w.Now);
            await db.SaveChangesAsync();
        }

        var result = await w.Refunds.RequestAsync(learner, number, [await LineIdAsync(w, number, a)], "studied a lot");

        Assert.Equal(RefundErrors.TooMuchProgress, result.Error?.Code);
    }

    [Fact]
    public async Task DeclineAsync_Request_DeclinedWithNoteAndAccessKept()
    {
        var (w, learner, a, _, number) = await PaidOrderAsync(store);
        var requested = await w.Refunds.RequestAsync(learner, number, [await LineIdAsync(w, number, a)], "不想学了");

        Assert.True((await w.Refunds.DeclineAsync(w.AdminId, number, requested.Value!.Number, "已超过试听范围")).IsSuccess);

        var order = await w.OrderAsync(number);
        Assert.Equal(RefundStatus.Declined, order.Refunds.Single().Status);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(2, await w.ActiveEnrollmentsAsync(learner));
    }

    [Fact]
    public async Task BuyAgain_AfterRefund_AccessRestoredOnTheSameEnrolment()
    {
        var (w, learner, a, b, number) = await PaidOrderAsync(store);
        await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([await LineIdAsync(w, number, a)], null, "refund"));
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));

        var (again, payment) = await w.PlaceAsync(learner, [a]);
        await w.Settlement.ApplyAsync(w.Paid(again, payment, 4990));

        Assert.Equal(2, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(2, await w.Catalog.QueryAsync(db => db.Enrollments.IgnoreQueryFilters().CountAsync(e => e.LearnerId == learner)));
        _ = b;
    }

    [Fact]
    public async Task RefundAsync_LineWaitingInARequest_RefusedSoNoLineIsRefundedTwice()
    {
        var (w, learner, a, _, number) = await PaidOrderAsync(store);
        var line = await LineIdAsync(w, number, a);
        Assert.True((await w.Refunds.RequestAsync(learner, number, [line], "不适合")).IsSuccess);

        var direct = await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([line], null, "admin too"));

        Assert.Equal(RefundErrors.AlreadyRequested, direct.Error?.Code);
        Assert.Equal(0, (await w.OrderAsync(number)).RefundedTotal.MinorUnits);
    }

    [Fact]
    public async Task AcceptPaymentAsync_NeedsReview_PaidAndEnrolled()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        await w.Settlement.ApplyAsync(w.Paid(number, payment, 5000));

        Assert.True((await w.Refunds.AcceptPaymentAsync(w.AdminId, number, "paid 0.10 more; refunding the difference")).IsSuccess);

        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));
        // The sandbox never captured 50.00 for this order (the notification was made up), so it refuses the refund: the order keeps it.
        var refund = await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([], 10, "difference"));
        Assert.Equal(RefundErrors.ProviderRefused, refund.Error?.Code);
        Assert.Equal(0, (await w.OrderAsync(number)).RefundedTotal.MinorUnits);
    }
}
