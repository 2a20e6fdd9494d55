using KnowledgeHub.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeHub.Domain.Payments.Sandbox;

internal sealed class SandboxPaymentConfiguration : IEntityTypeConfiguration<SandboxPayment>
{
    public void Configure(EntityTypeBuilder<SandboxPayment> b)
    {
        b.Property(p => p.Id).HasMaxLength(40);
        b.Property(p => p.OrderNumber).HasMaxLength(Order.NumberMaxLength);
        b.HasIndex(p => new { p.OrderNumber, p.Status });
        b.Property(p => p.Subject).HasMaxLength(200);
        b.Property(p => p.ReturnUrl).HasMaxLength(500);
        b.Property(p => p.NotifyUrl).HasMaxLength(500);
        b.Property(p => p.LastDecline).HasMaxLength(200);
        b.ComplexProperty(p => p.Amount, p => MoneyColumns.Map<SandboxPayment>(p, "Amount"));
        b.ComplexProperty(p => p.Refunded, p => MoneyColumns.Map<SandboxPayment>(p, "Refunded"));
    }
}

internal sealed class SandboxRefundConfiguration : IEntityTypeConfiguration<SandboxRefund>
{
    public void Configure(EntityTypeBuilder<SandboxRefund> b)
    {
        b.Property(r => r.Id).HasMaxLength(40);
        b.Property(r => r.PaymentId).HasMaxLength(40);
        b.Property(r => r.RefundNumber).HasMaxLength(64);
        b.HasIndex(r => r.RefundNumber).IsUnique();
        b.ComplexProperty(r => r.Amount, p => MoneyColumns.Map<SandboxRefund>(p, "Amount"));
        b.HasOne<SandboxPayment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SandboxNotificationConfiguration : IEntityTypeConfiguration<SandboxNotification>
{
    public void Configure(EntityTypeBuilder<SandboxNotification> b)
    {
        b.Property(n => n.EventId).HasMaxLength(40);
        b.HasIndex(n => n.EventId).IsUnique();
        b.Property(n => n.PaymentId).HasMaxLength(40);
        b.Property(n => n.Type).HasMaxLength(40);
        b.Property(n => n.NotifyUrl).HasMaxLength(500);
        b.Property(n => n.LastError).HasMaxLength(300);
        // The notifier's scan: undelivered rows by due time.
        b.HasIndex(n => new { n.DeliveredUtc, n.NextAttemptUtc });
        b.HasOne<SandboxPayment>().WithMany().HasForeignKey(n => n.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}
