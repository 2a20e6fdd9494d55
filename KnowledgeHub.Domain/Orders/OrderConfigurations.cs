using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Bundles;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeHub.Domain.Orders;

internal static class MoneyColumns
{
    /// <summary>Money as two columns, {name}Minor (INTEGER) and {name}Currency, so sums and ranges run in the database.</summary>
    public static void Map<T>(ComplexPropertyBuilder<Money> p, string name)
    {
        p.Property(m => m.MinorUnits).HasColumnName(name + "Minor");
        p.Property(m => m.Currency).HasColumnName(name + "Currency").HasMaxLength(3);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.Property(o => o.Number).HasMaxLength(Order.NumberMaxLength);
        b.HasIndex(o => o.Number).IsUnique();
        b.HasIndex(o => new { o.Status, o.PaidUtc });
        b.HasIndex(o => new { o.Status, o.ExpiresUtc });
        b.HasIndex(o => new { o.BuyerId, o.CreatedUtc });
        b.HasIndex(o => new { o.BuyerId, o.IdempotencyKey }).IsUnique();
        // Two tabs with the same cart: one pending order (the filter frees the slot once it is paid or closed).
        b.HasIndex(o => new { o.BuyerId, o.ContentKey }).IsUnique().HasFilter("\"Status\" = 0");
        b.Property(o => o.PaymentMethod).HasMaxLength(32);
        b.Property(o => o.ProviderPaymentId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.Property(o => o.ProviderSessionId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.Property(o => o.CheckoutUrl).HasMaxLength(1000);
        b.Property(o => o.IdempotencyKey).HasMaxLength(Order.KeyMaxLength);
        b.Property(o => o.ContentKey).HasMaxLength(400);
        b.Property(o => o.CouponCode).HasMaxLength(Coupon.CodeMaxLength);
        b.Property(o => o.LastPaymentError).HasMaxLength(Order.ReasonMaxLength);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.ComplexProperty(o => o.Total, p => MoneyColumns.Map<Order>(p, "Total"));
        b.ComplexProperty(o => o.Subtotal, p => MoneyColumns.Map<Order>(p, "Subtotal"));
        b.ComplexProperty(o => o.Discount, p => MoneyColumns.Map<Order>(p, "Discount"));
        b.ComplexProperty(o => o.PaidAmount, p => MoneyColumns.Map<Order>(p, "PaidAmount"));
        b.ComplexProperty(o => o.RefundedTotal, p => MoneyColumns.Map<Order>(p, "Refunded"));
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.BuyerId).OnDelete(DeleteBehavior.Restrict);
        // CouponId and OrderLine.BundleId are snapshots next to the code and title they had: no foreign key (which would also
        // make SQLite rebuild these tables), so orders stay as they were whatever happens to the coupon or bundle later.
        b.HasIndex(o => o.CouponId);
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(o => o.Refunds).WithOne().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Refunds).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.Property(l => l.CourseTitle).HasMaxLength(Course.TitleMaxLength);
        b.Property(l => l.BundleTitle).HasMaxLength(Bundle.TitleMaxLength);
        b.ComplexProperty(l => l.Price, p => MoneyColumns.Map<OrderLine>(p, "Price"));
        b.ComplexProperty(l => l.ListPrice, p => MoneyColumns.Map<OrderLine>(p, "ListPrice"));
        b.ComplexProperty(l => l.Discount, p => MoneyColumns.Map<OrderLine>(p, "Discount"));
        b.HasOne<Course>().WithMany().HasForeignKey(l => l.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrderStatusChangeConfiguration : IEntityTypeConfiguration<OrderStatusChange>
{
    public void Configure(EntityTypeBuilder<OrderStatusChange> b)
    {
        b.Property(h => h.Reason).HasMaxLength(Order.ReasonMaxLength);
        b.HasIndex(h => new { h.OrderId, h.AtUtc });
    }
}

internal sealed class OrderRefundConfiguration : IEntityTypeConfiguration<OrderRefund>
{
    public void Configure(EntityTypeBuilder<OrderRefund> b)
    {
        b.Property(r => r.Number).HasMaxLength(64);
        b.HasIndex(r => new { r.OrderId, r.Number }).IsUnique();
        b.HasIndex(r => new { r.Status, r.CreatedUtc });
        b.Property(r => r.Reason).HasMaxLength(Order.ReasonMaxLength);
        b.Property(r => r.DecisionNote).HasMaxLength(Order.ReasonMaxLength);
        b.Property(r => r.ProviderRefundId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.Property(r => r.LineIds).HasConversion(
                ids => string.Join(',', ids),
                text => text.Length == 0 ? new List<int>() : text.Split(',', StringSplitOptions.None).Select(int.Parse).ToList(),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<List<int>>((a, c) => a!.SequenceEqual(c!), l => l.Aggregate(0, (h, v) => HashCode.Combine(h, v)), l => l.ToList()))
            .HasMaxLength(400);
        b.ComplexProperty(r => r.Amount, p => MoneyColumns.Map<OrderRefund>(p, "Amount"));
    }
}

internal sealed class PaymentEventConfiguration : IEntityTypeConfiguration<PaymentEvent>
{
    public void Configure(EntityTypeBuilder<PaymentEvent> b)
    {
        b.Property(e => e.Provider).HasMaxLength(32);
        b.Property(e => e.EventId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.HasIndex(e => new { e.Provider, e.EventId }).IsUnique();
        b.HasIndex(e => e.OrderId);
        b.Property(e => e.OrderNumber).HasMaxLength(Order.NumberMaxLength);
        b.Property(e => e.ProviderPaymentId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.Property(e => e.RefundId).HasMaxLength(PaymentEvent.IdMaxLength);
        b.Property(e => e.Message).HasMaxLength(300);
        b.ComplexProperty(e => e.Amount, p => MoneyColumns.Map<PaymentEvent>(p, "Amount"));
        b.ComplexProperty(e => e.PaidAmount, p => MoneyColumns.Map<PaymentEvent>(p, "PaidAmount"));
        b.ComplexProperty(e => e.RefundedTotal, p => MoneyColumns.Map<PaymentEvent>(p, "RefundedTotal"));
        b.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CartItemConfiguration : IEntityTypeConfiguration<CartItem>
{
    public void Configure(EntityTypeBuilder<CartItem> b)
    {
        b.HasIndex(i => new { i.UserId, i.CourseId }).IsUnique().HasFilter("\"CourseId\" IS NOT NULL");
        b.HasIndex(i => new { i.UserId, i.BundleId }).IsUnique().HasFilter("\"BundleId\" IS NOT NULL");
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(i => i.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Course>().WithMany().HasForeignKey(i => i.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Bundle>().WithMany().HasForeignKey(i => i.BundleId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("CK_CartItems_OneKind", "(\"CourseId\" IS NULL) <> (\"BundleId\" IS NULL)"));
    }
}

internal sealed class CouponConfiguration : IEntityTypeConfiguration<Coupon>
{
    public void Configure(EntityTypeBuilder<Coupon> b)
    {
        b.Property(c => c.Code).HasMaxLength(Coupon.CodeMaxLength);
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Description).HasMaxLength(Coupon.DescriptionMaxLength);
        b.Property(c => c.RedemptionCount).IsConcurrencyToken();
        b.ComplexProperty(c => c.AmountOff, p => MoneyColumns.Map<Coupon>(p, "AmountOff"));
        b.ComplexProperty(c => c.MinimumOrder, p => MoneyColumns.Map<Coupon>(p, "MinimumOrder"));
        b.HasMany(c => c.Courses).WithOne().HasForeignKey(c => c.CouponId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Courses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.InstructorId);
    }
}

internal sealed class CouponCourseConfiguration : IEntityTypeConfiguration<CouponCourse>
{
    public void Configure(EntityTypeBuilder<CouponCourse> b)
    {
        b.HasKey(c => new { c.CouponId, c.CourseId });
        b.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CouponRedemptionConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> b)
    {
        b.HasIndex(r => r.OrderId).IsUnique();
        b.HasIndex(r => new { r.CouponId, r.UserId });
        b.HasOne<Coupon>().WithMany().HasForeignKey(r => r.CouponId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BundleConfiguration : IEntityTypeConfiguration<Bundle>
{
    public void Configure(EntityTypeBuilder<Bundle> b)
    {
        b.Property(x => x.Slug).HasMaxLength(Bundle.SlugMaxLength);
        b.HasIndex(x => x.Slug).IsUnique();
        b.Property(x => x.Title).HasMaxLength(Bundle.TitleMaxLength);
        b.Property(x => x.Description).HasMaxLength(Bundle.DescriptionMaxLength);
        b.ComplexProperty(x => x.Price, p => MoneyColumns.Map<Bundle>(p, "Price"));
        b.HasMany(x => x.Courses).WithOne().HasForeignKey(c => c.BundleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Courses).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.OwnerId, x.IsPublished });
    }
}

internal sealed class BundleCourseConfiguration : IEntityTypeConfiguration<BundleCourse>
{
    public void Configure(EntityTypeBuilder<BundleCourse> b)
    {
        b.HasKey(c => new { c.BundleId, c.CourseId });
        b.HasIndex(c => c.CourseId);
        b.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}
