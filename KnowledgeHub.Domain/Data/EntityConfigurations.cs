using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Analytics;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Learning;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Domain.Reviews;
using KnowledgeHub.Domain.Wishlist;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KnowledgeHub.Domain.Data;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        b.Property(u => u.Bio).HasMaxLength(ApplicationUser.BioMaxLength);
        b.Property(u => u.PreferredCulture).HasMaxLength(10);
        b.Property(u => u.Slug).HasMaxLength(80);
        b.Property(u => u.Headline).HasMaxLength(120);
        b.HasIndex(u => u.Slug).IsUnique();
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Slug).HasMaxLength(80);
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.NameZh).HasMaxLength(60);
        b.Property(c => c.NameEn).HasMaxLength(60);
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.Property(c => c.Slug).HasMaxLength(120);
        b.HasIndex(c => c.Slug).IsUnique();
        b.Property(c => c.Title).HasMaxLength(Course.TitleMaxLength);
        b.Property(c => c.Subtitle).HasMaxLength(200);
        b.Property(c => c.Language).HasMaxLength(10);
        b.Property(c => c.Tags).HasMaxLength(400);
        b.Property(c => c.CoverStyle).HasMaxLength(80);
        b.ComplexProperty(c => c.Price, p =>
        {
            p.Property(m => m.MinorUnits).HasColumnName("PriceMinor");
            p.Property(m => m.Currency).HasColumnName("PriceCurrency").HasMaxLength(3);
        });
        b.HasIndex(c => new { c.Status, c.PublishedUtc });
        b.HasOne(c => c.Category).WithMany().HasForeignKey(c => c.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Instructor).WithMany().HasForeignKey(c => c.InstructorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Sections).WithOne().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Sections).UsePropertyAccessMode(PropertyAccessMode.Field);
        // New columns only (ADD COLUMN): a change to an existing column would make SQLite rebuild the table and drop the
        // search triggers and indexes of migration CourseSearchIndex.
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.CoverImageKey).HasMaxLength(Course.CoverKeyMaxLength);
        b.HasIndex(c => c.CoverImageKey); // the public cover endpoint asks whether a course uses a key
        b.HasMany(c => c.StatusHistory).WithOne().HasForeignKey(h => h.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.StatusHistory).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CourseStatusChangeConfiguration : IEntityTypeConfiguration<CourseStatusChange>
{
    public void Configure(EntityTypeBuilder<CourseStatusChange> b)
    {
        b.Property(h => h.Note).HasMaxLength(CourseStatusChange.NoteMaxLength);
        b.HasIndex(h => new { h.CourseId, h.OccurredUtc });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(h => h.ByUserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SectionConfiguration : IEntityTypeConfiguration<Section>
{
    public void Configure(EntityTypeBuilder<Section> b)
    {
        b.Property(s => s.Title).HasMaxLength(200);
        b.HasMany(s => s.Lessons).WithOne().HasForeignKey(l => l.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Lessons).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> b)
    {
        b.Property(l => l.Title).HasMaxLength(200);
        b.Property(l => l.MediaKey).HasMaxLength(Lesson.MediaKeyMaxLength);
        b.Property(l => l.MediaFileName).HasMaxLength(Lesson.FileNameMaxLength);
        b.Property(l => l.MediaContentType).HasMaxLength(Lesson.ContentTypeMaxLength);
        b.HasMany(l => l.Questions).WithOne().HasForeignKey(q => q.LessonId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(l => l.Questions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(QuizQuestion.TextMaxLength);
        b.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(q => q.Options).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class QuizOptionConfiguration : IEntityTypeConfiguration<QuizOption>
{
    public void Configure(EntityTypeBuilder<QuizOption> b) => b.Property(o => o.Text).HasMaxLength(QuizOption.TextMaxLength);
}

internal sealed class InstructorApplicationConfiguration : IEntityTypeConfiguration<InstructorApplication>
{
    public void Configure(EntityTypeBuilder<InstructorApplication> b)
    {
        b.Property(a => a.Bio).HasMaxLength(InstructorApplication.BioMaxLength);
        b.Property(a => a.Expertise).HasMaxLength(InstructorApplication.ExpertiseMaxLength);
        b.Property(a => a.SampleUrl).HasMaxLength(InstructorApplication.SampleUrlMaxLength);
        b.Property(a => a.DeclineReason).HasMaxLength(InstructorApplication.ReasonMaxLength);
        // One open application per user: a partial unique index backs up the service's check.
        b.HasIndex(a => a.UserId).IsUnique().HasFilter($"\"Status\" = {(int)InstructorApplicationStatus.Pending}")
            .HasDatabaseName("IX_InstructorApplications_UserId_Pending");
        b.HasIndex(a => new { a.Status, a.SubmittedUtc });
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.DecidedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.HasIndex(r => new { r.CourseId, r.LearnerId }).IsUnique();
        // The column allows more than Review.TextMaxLength, so the limit can rise without a table rebuild.
        b.Property(r => r.Text).HasMaxLength(4000);
        b.Property(r => r.InstructorReply).HasMaxLength(4000);
        b.HasIndex(r => new { r.CourseId, r.IsHidden, r.CreatedUtc });
        b.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.HasIndex(e => new { e.LearnerId, e.CourseId }).IsUnique();
        // A refund revokes access: every query sees active enrolments only unless it asks with IgnoreQueryFilters.
        b.HasQueryFilter(e => e.RevokedUtc == null);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.LearnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Course>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Order>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BehaviorEventConfiguration : IEntityTypeConfiguration<BehaviorEvent>
{
    public void Configure(EntityTypeBuilder<BehaviorEvent> b)
    {
        b.Property(e => e.VisitorId).HasMaxLength(BehaviorEvent.IdMaxLength);
        b.Property(e => e.SessionId).HasMaxLength(BehaviorEvent.IdMaxLength);
        b.Property(e => e.Query).HasMaxLength(BehaviorEvent.QueryMaxLength);
        b.Property(e => e.Source).HasMaxLength(60);
        b.Property(e => e.Medium).HasMaxLength(60);
        b.Property(e => e.Campaign).HasMaxLength(100);
        b.Property(e => e.Device).HasMaxLength(10);
        b.Property(e => e.LandingPath).HasMaxLength(200);
        b.HasIndex(e => new { e.Type, e.OccurredUtc });
        b.HasIndex(e => new { e.UserId, e.OccurredUtc });
    }
}

internal sealed class ReviewReportConfiguration : IEntityTypeConfiguration<ReviewReport>
{
    public void Configure(EntityTypeBuilder<ReviewReport> b)
    {
        b.HasIndex(r => new { r.ReviewId, r.ReporterId }).IsUnique();
        b.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WishlistItemConfiguration : IEntityTypeConfiguration<WishlistItem>
{
    public void Configure(EntityTypeBuilder<WishlistItem> b)
    {
        b.HasIndex(w => new { w.UserId, w.CourseId }).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Course>().WithMany().HasForeignKey(w => w.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}
