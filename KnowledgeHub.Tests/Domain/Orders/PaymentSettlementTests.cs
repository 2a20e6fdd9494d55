using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Orders;

public sealed class PaymentSettlementTests : IDisposable
{
    private readonly TestDb store = new();

    public void Dispose() => store.Dispose();

    [Fact]
    public async Task Apply_VerifiedPayment_PaidEnrolledAndCartCleared()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(4990), await w.AddCourseAsync(2990));
        var learner = await w.AddLearnerAsync();
        Assert.True((await w.Cart.AddCourseAsync(learner, a)).IsSuccess);
        var (number, payment) = await w.PlaceAsync(learner, [a, b]);

        Assert.Equal(SettlementOutcome.Applied, await w.Settlement.ApplyAsync(w.Paid(number, payment, 7980)));

        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(2, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(1, await w.EnrollmentCountAsync(a));
        Assert.Equal(0, await w.Cart.CountAsync(learner));
    }

    [Fact]
    public async Task Apply_Replay_AlreadyProcessedAndNothingChanges()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        var paid = w.Paid(number, payment, 4990);
        await w.Settlement.ApplyAsync(paid);

        Assert.Equal(SettlementOutcome.AlreadyProcessed, await w.Settlement.ApplyAsync(paid));
        Assert.Equal(1, await w.EnrollmentCountAsync(course));
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.PaymentEvents.CountAsync()));
    }

    [Fact]
    public async Task Apply_FiftyConcurrentDeliveries_OneFulfilment()
    {
        using var file = new FileTestDb(); // one connection per delivery, as in the app
        var w = await OrdersWorld.CreateAsync(file);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        var paid = w.Paid(number, payment, 4990);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => w.Settlement.ApplyAsync(paid))));

        Assert.Equal(1, outcomes.Count(o => o == SettlementOutcome.Applied));
        Assert.Equal(49, outcomes.Count(o => o == SettlementOutcome.AlreadyProcessed));
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(1, await w.EnrollmentCountAsync(course));
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.PaymentEvents.CountAsync()));
        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
    }

    [Fact]
    public async Task Apply_SecondPaymentOfAPaidOrder_NotedForARefundAndNothingElseChanges()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        await w.Settlement.ApplyAsync(w.Paid(number, payment, 4990));

        await w.Settlement.ApplyAsync(w.Paid(number, "another-payment", 4990, eventId: "evt-second"));

        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.Paid, order.Status);
        Assert.Equal(payment, order.ProviderPaymentId);
        Assert.Contains(order.History, h => h.Reason.Contains("second payment another-payment"));
        Assert.Equal(1, await w.EnrollmentCountAsync(course));
    }

    [Fact]
    public async Task Apply_WrongAmount_NeedsReviewAndNoAccess()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);

        await w.Settlement.ApplyAsync(w.Paid(number, payment, 1));

        Assert.Equal(OrderStatus.NeedsReview, (await w.OrderAsync(number)).Status);
        Assert.Equal(0, await w.ActiveEnrollmentsAsync(learner));
    }

    [Fact]
    public async Task Apply_UnknownOrder_RecordedAndAcknowledged()
    {
        var w = await OrdersWorld.CreateAsync(store);
        Assert.Equal(SettlementOutcome.UnknownOrder, await w.Settlement.ApplyAsync(w.Paid("KH-NOPE", "p", 100)));
        Assert.Equal(1, await w.Catalog.QueryAsync(db => db.PaymentEvents.CountAsync(e => e.OrderId == null)));
    }

    [Fact]
    public async Task Apply_ClosedAfterPaid_StaysPaid()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        await w.Settlement.ApplyAsync(w.Paid(number, payment, 4990));

        await w.Settlement.ApplyAsync(new PaymentNotification("sandbox", "evt-closed", number, PaymentEventKind.Closed, null, payment, null, w.Now.AddMinutes(1)));

        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));
    }

    [Fact]
    public async Task Apply_PaidAfterExpiry_PaidAndCouponHeldAgain()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(10000);
        var learner = await w.AddLearnerAsync();
        await w.AddCouponAsync(OrdersWorld.PercentOff("TENOFF", 10) with { MaxRedemptions = 1 });
        var (number, payment) = await w.PlaceAsync(learner, [course], "tenoff");
        w.Clock.Advance(TimeSpan.FromMinutes(31));
        await w.Jobs.ExpireAsync(default); // the sandbox says "open" (not paid): the order expires, the coupon use comes back
        Assert.Equal(OrderStatus.Expired, (await w.OrderAsync(number)).Status);
        Assert.Equal(0, (await w.Catalog.QueryAsync(db => db.Coupons.SingleAsync())).RedemptionCount);

        await w.Settlement.ApplyAsync(w.Paid(number, payment, 9000));

        Assert.Equal(OrderStatus.Paid, (await w.OrderAsync(number)).Status);
        Assert.Equal(1, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(1, (await w.Catalog.QueryAsync(db => db.Coupons.SingleAsync())).RedemptionCount);
    }

    [Fact]
    public async Task Apply_FailedAttempt_StaysPendingWithReason()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);

        await w.Settlement.ApplyAsync(new PaymentNotification("sandbox", "evt-f", number, PaymentEventKind.Failed, null, payment, null, w.Now, "card declined"));

        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.PendingPayment, order.Status);
        Assert.Equal("card declined", order.LastPaymentError);
    }

    [Fact]
    public async Task Apply_RefundBeforeItsPayment_RefundWaitsThenApplies()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(4990);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        var refund = new PaymentNotification("sandbox", "evt-r", number, PaymentEventKind.Refunded, new Money(4990, Money.Cny), payment, "re_1", w.Now.AddMinutes(2));

        await w.Settlement.ApplyAsync(refund);
        Assert.Equal(OrderStatus.PendingPayment, (await w.OrderAsync(number)).Status);

        await w.Settlement.ApplyAsync(w.Paid(number, payment, 4990, at: w.Now.AddMinutes(1)));
        var order = await w.OrderAsync(number);
        Assert.Equal(OrderStatus.Refunded, order.Status);
        Assert.Equal(0, await w.ActiveEnrollmentsAsync(learner));
        Assert.Equal(0, await w.EnrollmentCountAsync(course));
    }

    [Fact]
    public async Task Apply_RunningTotalRefunds_OnlyTheNewPartCountsAndOurOwnRefundIsNotCountedTwice()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var course = await w.AddCourseAsync(10000);
        var learner = await w.AddLearnerAsync();
        var (number, payment) = await w.PlaceAsync(learner, [course]);
        Assert.True((await w.Cashier.PayAsync(payment, SandboxCards.Success)).IsSuccess);
        await w.Settlement.ApplyAsync(w.Paid(number, payment, 10000));
        // We refund 20.00 ourselves; the provider then reports running totals 20.00 (ours) and 50.00 (30.00 made in its console).
        Assert.True((await w.Refunds.RefundAsync(w.AdminId, number, new RefundInput([], 2000, "ours"))).IsSuccess);
        PaymentNotification Total(string id, long total) => new("sandbox", id, number, PaymentEventKind.Refunded, new Money(total, Money.Cny), payment,
            $"{payment}:{total}", w.Now, RefundedTotal: new Money(total, Money.Cny));

        await w.Settlement.ApplyAsync(Total("t-20", 2000));
        await w.Settlement.ApplyAsync(Total("t-50", 5000));
        await w.Settlement.ApplyAsync(Total("t-20-late", 2000));

        var order = await w.OrderAsync(number);
        Assert.Equal(5000, order.RefundedTotal.MinorUnits);
        Assert.Equal([2000L, 3000L], order.Refunds.OrderBy(r => r.Id).Select(r => r.Amount.MinorUnits));
    }

    /// <summary>
    /// The convergence property: a paid order, two partial refunds, a late close and a decline, each maybe delivered
    /// twice, in 1,000 random orders, always end where the right order ends.
    /// </summary>
    [Fact]
    public async Task Apply_ThousandRandomPermutations_ConvergeOnTheInOrderState()
    {
        var w = await OrdersWorld.CreateAsync(store);
        var (a, b) = (await w.AddCourseAsync(6000), await w.AddCourseAsync(4000));
        var rng = new Random(20261125);
        (OrderStatus, long, long, int)? expected = null;
        for (var run = 0; run < 1000; run++)
        {
            var learner = await w.AddLearnerAsync("买家" + run);
            var (number, payment) = await w.PlaceAsync(learner, [a, b]);
            var t = w.Now;
            var events = new List<PaymentNotification>
            {
                new("sandbox", $"f-{run}", number, PaymentEventKind.Failed, null, payment, null, t.AddSeconds(1), "declined"),
                new("sandbox", $"p-{run}", number, PaymentEventKind.Paid, new Money(10000, Money.Cny), payment, null, t.AddSeconds(2)),
                new("sandbox", $"c-{run}", number, PaymentEventKind.Closed, null, payment, null, t.AddSeconds(3)),
                new("sandbox", $"r1-{run}", number, PaymentEventKind.Refunded, new Money(1500, Money.Cny), payment, $"re1-{run}", t.AddSeconds(4)),
                new("sandbox", $"r2-{run}", number, PaymentEventKind.Refunded, new Money(2500, Money.Cny), payment, $"re2-{run}", t.AddSeconds(5)),
            };
            if (run == 0)
            {
                foreach (var e in events) await w.Settlement.ApplyAsync(e);
            }
            else
            {
                var shuffled = events.Concat(events.Where(_ => rng.Next(3) == 0)).OrderBy(_ => rng.Next()).ToList();
                foreach (var e in shuffled) await w.Settlement.ApplyAsync(e);
            }
            var order = await w.OrderAsync(number);
            var state = (order.Status, order.PaidAmount.MinorUnits, order.RefundedTotal.MinorUnits, await w.ActiveEnrollmentsAsync(learner));
            expected ??= state;
            Assert.Equal(expected, state);
        }
        Assert.Equal((OrderStatus.PartiallyRefunded, 10000L, 4000L, 2), expected);
    }
}
