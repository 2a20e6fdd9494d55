using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Bundles;
using KnowledgeHub.Domain.Coupons;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Payments;
using KnowledgeHub.Domain.Payments.Sandbox;
using KnowledgeHub.Domain.Reviews;
using KnowledgeHub.Domain.Wishlist;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Data;

public sealed class KnowledgeHubDbContext(DbContextOptions<KnowledgeHubDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<int>, int>(options)
{
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<QuizQuestion> QuizQuestions => Set<QuizQuestion>();
    public DbSet<QuizOption> QuizOptions => Set<QuizOption>();
    public DbSet<CourseStatusChange> CourseStatusChanges => Set<CourseStatusChange>();
    public DbSet<InstructorApplication> InstructorApplications => Set<InstructorApplication>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderStatusChange> OrderStatusChanges => Set<OrderStatusChange>();
    public DbSet<OrderRefund> OrderRefunds => Set<OrderRefund>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Coupon> Coupons => Set<Coupon>();
    public DbSet<CouponRedemption> CouponRedemptions => Set<CouponRedemption>();
    public DbSet<Bundle> Bundles => Set<Bundle>();
    public DbSet<SandboxPayment> SandboxPayments => Set<SandboxPayment>();
    public DbSet<SandboxRefund> SandboxRefunds => Set<SandboxRefund>();
    public DbSet<SandboxNotification> SandboxNotifications => Set<SandboxNotification>();
    public DbSet<Enrollment> Enrollments => Set<Enrollment>();
    public DbSet<BehaviorEvent> BehaviorEvents => Set<BehaviorEvent>();
    public DbSet<ReviewReport> ReviewReports => Set<ReviewReport>();
    public DbSet<WishlistItem> WishlistItems => Set<WishlistItem>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KnowledgeHubDbContext).Assembly);
    }
}
