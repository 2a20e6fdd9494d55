using KnowledgeHub.Domain.Common;

namespace KnowledgeHub.Domain.Orders;

/// <summary>One course in a quote: its list price (a bundle course: its share of the bundle price) and the coupon's share.</summary>
public sealed record PricedLine(int CourseId, string Title, Money ListPrice, Money Discount, int? BundleId, string? BundleTitle)
{
    public Money Net => ListPrice.Subtract(Discount);
}

/// <summary>What a checkout costs: lines, the coupon and the totals, all in integer minor units that add up to the fen.</summary>
public sealed record PricedOrder(IReadOnlyList<PricedLine> Lines, Money Subtotal, Money Discount, Money Total, int? CouponId, string? CouponCode)
{
    public static PricedOrder FromLines(IReadOnlyList<PricedLine> lines, int? couponId, string? couponCode)
    {
        if (lines.Count == 0) throw new DomainException("A quote needs at least one course.");
        var currency = lines[0].ListPrice.Currency;
        var subtotal = lines.Aggregate(Money.Zero(currency), (s, l) => s.Add(l.ListPrice));
        var discount = lines.Aggregate(Money.Zero(currency), (s, l) => s.Add(l.Discount));
        return new PricedOrder(lines, subtotal, discount, subtotal.Subtract(discount), couponId, couponCode);
    }
}

public static class MoneySplit
{
    /// <summary>
    /// Splits <paramref name="amount"/> over <paramref name="weights"/> in proportion, in whole minor units, so the parts add up
    /// exactly (largest remainder; ties go to the earlier weight). Used for bundle prices and coupon discounts.
    /// </summary>
    public static long[] Proportionally(long amount, IReadOnlyList<long> weights)
    {
        var parts = new long[weights.Count];
        var total = weights.Sum();
        if (total <= 0 || amount == 0) return parts;
        var remainders = new (decimal Remainder, int Index)[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (decimal)amount * weights[i] / total;
            parts[i] = (long)Math.Floor(exact);
            given += parts[i];
            remainders[i] = (exact - parts[i], i);
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)(amount - given)))
            parts[index]++;
        return parts;
    }
}
