using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Domain.Catalog;

/// <summary>What a course card shows.</summary>
public sealed record CourseCardModel(
    int Id, string Slug, string Title, string Subtitle, string InstructorName, string? InstructorSlug,
    double RatingAverage, int RatingCount, int EnrollmentCount, Money Price, CourseLevel Level, string Language,
    string CoverStyle, string CategoryNameZh, string CategoryNameEn, int TotalDurationSeconds, int LessonCount, string? CoverImageKey = null)
{
    /// <summary>The uploaded cover in a size (its URL under /media/covers/), or null while the course uses generated art.</summary>
    public string? CoverUrl(bool small) =>
        CoverImageKey is { } key ? "/media/covers/" + (small ? Storage.CoverImages.KeyFor(key, Storage.CoverImages.Small) ?? key : key) : null;
}

public sealed record CategoryModel(int Id, string Slug, string NameZh, string NameEn, string Icon, int? ParentId, int CourseCount);

/// <summary>A top category with its children, each with the number of published courses (a top's count includes its children's).</summary>
public sealed record CategoryNode(CategoryModel Category, IReadOnlyList<CategoryModel> Children);

/// <summary>An instructor's public page.</summary>
public sealed record InstructorProfileModel(
    string Slug, string DisplayName, string? Headline, string? Bio, string? AvatarPath,
    int CourseCount, int LearnerCount, double AverageRating, int RatingCount, IReadOnlyList<CourseCardModel> Courses);

/// <summary>A free-preview lesson, open to anyone.</summary>
public sealed record PreviewLessonModel(
    int CourseId, string CourseSlug, string CourseTitle, int LessonId, string Title, LessonKind Kind, string Body, int DurationSeconds,
    IReadOnlyList<(int LessonId, string Title, LessonKind Kind)> OtherPreviews, string? MediaContentType = null)
{
    /// <summary>The uploaded video or file, served by the access-checked media endpoint; null when the lesson has none.</summary>
    public string? MediaUrl => MediaContentType is null ? null : $"/media/lessons/{LessonId}";
}

/// <summary>Everything public, for /sitemap.xml.</summary>
public sealed record SitemapModel(IReadOnlyList<(string Slug, DateTime UpdatedUtc)> Courses, IReadOnlyList<string> Categories, IReadOnlyList<string> Instructors);

/// <summary>The home page: a few shelves of published courses.</summary>
public sealed record HomeCatalogModel(
    IReadOnlyList<CourseCardModel> Popular, IReadOnlyList<CourseCardModel> Newest, IReadOnlyList<CourseCardModel> TopRated,
    IReadOnlyList<CategoryModel> Categories, int PublishedCourseCount);

/// <summary>The read side of the catalogue for public pages.</summary>
public sealed class CatalogQueries(IDbContextFactory<KnowledgeHubDbContext> dbFactory, Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
    : ICatalogChangeListener
{
    public async Task<HomeCatalogModel> GetHomeAsync(int shelfSize, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var published = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published);
        var popular = await ToCards(published.OrderByDescending(c => c.EnrollmentCount).ThenBy(c => c.Id)).Take(shelfSize).ToListAsync(ct);
        var newest = await ToCards(published.OrderByDescending(c => c.PublishedUtc).ThenBy(c => c.Id)).Take(shelfSize).ToListAsync(ct);
        var topRated = await ToCards(published.Where(c => c.RatingCount >= 5).OrderByDescending(c => c.RatingAverage).ThenByDescending(c => c.RatingCount))
            .Take(shelfSize).ToListAsync(ct);
        var categories = await GetTopCategoriesAsync(db, ct);
        return new HomeCatalogModel(popular, newest, topRated, categories, await published.CountAsync(ct));
    }

    public async Task<CategoryModel?> GetCategoryAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking().Where(c => c.Slug == slug)
            .Select(c => new CategoryModel(c.Id, c.Slug, c.NameZh, c.NameEn, c.Icon, c.ParentId, 0)).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Published courses (optionally in a category or its sub-categories) whose title, subtitle, tags or instructor name contain the query (any length, any
    /// case), most enrolled first. The catalogue issue replaces this with ranked full-text search.
    /// </summary>
    public async Task<IReadOnlyList<CourseCardModel>> BrowseAsync(string? query, string? categorySlug, int take, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var courses = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published);
        if (!string.IsNullOrWhiteSpace(categorySlug))
            courses = courses.Where(c => c.Category!.Slug == categorySlug || c.Category.Parent!.Slug == categorySlug);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = "%" + query.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            courses = courses.Where(c => EF.Functions.Like(c.Title, pattern, "\\") || EF.Functions.Like(c.Subtitle, pattern, "\\")
                                         || EF.Functions.Like(c.Tags, pattern, "\\") || EF.Functions.Like(c.Instructor!.DisplayName, pattern, "\\"));
        }
        return await ToCards(courses.OrderByDescending(c => c.EnrollmentCount).ThenBy(c => c.Id)).Take(take).ToListAsync(ct);
    }

    /// <summary>A published course's page, or null when there is no such public course.</summary>
    public async Task<CourseDetailModel?> GetCourseAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LoadCourseAsync(db, db.Courses.AsNoTracking().Where(c => c.Slug == slug && c.Status == CourseStatus.Published), ct);
    }

    /// <summary>
    /// The course page of any course, whatever its status, as learners will see it once published: for the course's
    /// instructor and admins only (null for anyone else, as for an unknown course).
    /// </summary>
    public async Task<CourseDetailModel?> GetCoursePreviewAsync(int userId, int courseId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Courses.AsNoTracking().Where(c => c.Id == courseId).Select(c => (int?)c.InstructorId).SingleOrDefaultAsync(ct);
        if (owner is null || (owner != userId && !await db.IsAdminAsync(userId, ct))) return null;
        return await LoadCourseAsync(db, db.Courses.AsNoTracking().Where(c => c.Id == courseId), ct);
    }

    private static async Task<CourseDetailModel?> LoadCourseAsync(KnowledgeHubDbContext db, IQueryable<Course> courses, CancellationToken ct)
    {
        var course = await courses
            .Select(c => new
            {
                c.Id, c.Description, c.WhatYouWillLearn, c.Requirements, c.Tags, c.UpdatedUtc,
                Bio = c.Instructor!.Bio, c.Instructor.Headline,
                CategorySlug = c.Category!.Slug, ParentSlug = c.Category.Parent!.Slug, ParentZh = c.Category.Parent.NameZh, ParentEn = c.Category.Parent.NameEn,
            })
            .SingleOrDefaultAsync(ct);
        if (course is null) return null;
        var card = await ToCards(db.Courses.AsNoTracking().Where(c => c.Id == course.Id)).SingleAsync(ct);
        var sections = await db.Sections.AsNoTracking().Where(s => s.CourseId == course.Id).OrderBy(s => s.Order)
            .Select(s => new SectionRow(s.Title, s.Lessons.OrderBy(l => l.Order)
                .Select(l => new LessonRow(l.Id, l.Title, l.Kind, l.DurationSeconds, l.IsPreview)).ToList()))
            .ToListAsync(ct);
        return new CourseDetailModel(card, course.CategorySlug, course.ParentSlug, course.ParentZh, course.ParentEn, course.Description, course.WhatYouWillLearn, course.Requirements, course.Tags,
            course.Bio, course.Headline, course.UpdatedUtc, sections);
    }

    /// <summary>How long the category tree with its course counts is reused: counts a minute old are fine for a menu.</summary>
    public static readonly TimeSpan CategoryTreeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>A category or course changed: the next menu counts again.</summary>
    public Task CatalogChangedAsync(CancellationToken ct)
    {
        cache.Remove(CategoryTreeKey);
        return Task.CompletedTask;
    }

    private const string CategoryTreeKey = "catalog:category-tree";

    /// <summary>Categories with published-course counts, cached briefly (it counts the whole catalogue).</summary>
    public async Task<IReadOnlyList<CategoryNode>> GetCategoryTreeAsync(CancellationToken ct) =>
        await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, CategoryTreeKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CategoryTreeLifetime;
            return await LoadCategoryTreeAsync(ct);
        }) ?? [];

    private async Task<IReadOnlyList<CategoryNode>> LoadCategoryTreeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .GroupBy(c => c.CategoryId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var all = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new CategoryModel(c.Id, c.Slug, c.NameZh, c.NameEn, c.Icon, c.ParentId, 0)).ToListAsync(ct);
        return all.Where(c => c.ParentId is null).Select(top =>
        {
            var children = all.Where(c => c.ParentId == top.Id).Select(c => c with { CourseCount = counts.GetValueOrDefault(c.Id) }).ToList();
            return new CategoryNode(top with { CourseCount = counts.GetValueOrDefault(top.Id) + children.Sum(c => c.CourseCount) }, children);
        }).ToList();
    }

    /// <summary>The instructor page shows the most popular courses; the count says how many there are in all.</summary>
    public const int InstructorPageCourses = 24;

    /// <summary>An instructor with at least one published course, or null (the page answers 404).</summary>
    public async Task<InstructorProfileModel?> GetInstructorAsync(string slug, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var instructor = await db.Users.AsNoTracking().Where(u => u.Slug == slug)
            .Select(u => new { u.Id, u.Slug, u.DisplayName, u.Headline, u.Bio, u.AvatarPath }).SingleOrDefaultAsync(ct);
        if (instructor is null) return null;
        var published = db.Courses.AsNoTracking().Where(c => c.InstructorId == instructor.Id && c.Status == CourseStatus.Published);
        var stats = await published.GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Ratings = g.Sum(c => c.RatingCount), Weighted = g.Sum(c => c.RatingAverage * c.RatingCount) })
            .SingleOrDefaultAsync(ct);
        if (stats is null) return null;
        var courses = await ToCards(published.OrderByDescending(c => c.EnrollmentCount).ThenBy(c => c.Id)).Take(InstructorPageCourses).ToListAsync(ct);
        var learners = await db.Enrollments.AsNoTracking().Where(e => published.Any(c => c.Id == e.CourseId)).Select(e => e.LearnerId).Distinct().CountAsync(ct);
        var average = stats.Ratings == 0 ? 0 : stats.Weighted / stats.Ratings;
        return new InstructorProfileModel(instructor.Slug!, instructor.DisplayName, instructor.Headline, instructor.Bio, instructor.AvatarPath,
            stats.Count, learners, Math.Round(average, 2), stats.Ratings, courses);
    }

    /// <summary>A preview lesson of a published course, or null when the lesson is not a preview (the page answers 404).</summary>
    public async Task<PreviewLessonModel?> GetPreviewLessonAsync(string courseSlug, int lessonId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var course = await db.Courses.AsNoTracking().Where(c => c.Slug == courseSlug && c.Status == CourseStatus.Published)
            .Select(c => new { c.Id, c.Slug, c.Title }).SingleOrDefaultAsync(ct);
        if (course is null) return null;
        var previews = await (from s in db.Sections.AsNoTracking()
                              join l in db.Lessons.AsNoTracking() on s.Id equals l.SectionId
                              where s.CourseId == course.Id && l.IsPreview
                              orderby s.Order, l.Order
                              select new { l.Id, l.Title, l.Kind, l.Body, l.DurationSeconds, l.MediaContentType }).ToListAsync(ct);
        var lesson = previews.FirstOrDefault(l => l.Id == lessonId);
        return lesson is null ? null : new PreviewLessonModel(course.Id, course.Slug, course.Title, lesson.Id, lesson.Title, lesson.Kind, lesson.Body,
            lesson.DurationSeconds, previews.Where(p => p.Id != lessonId).Select(p => (p.Id, p.Title, p.Kind)).ToList(), lesson.MediaContentType);
    }

    public async Task<SitemapModel> GetSitemapAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var published = db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published);
        var courses = (await published.OrderBy(c => c.Id).Select(c => new { c.Slug, c.UpdatedUtc }).ToListAsync(ct)).Select(c => (c.Slug, c.UpdatedUtc)).ToList();
        var categories = await db.Categories.AsNoTracking().Where(k => published.Any(c => c.CategoryId == k.Id || c.Category!.ParentId == k.Id))
            .OrderBy(k => k.Id).Select(k => k.Slug).ToListAsync(ct);
        var instructors = await db.Users.AsNoTracking().Where(u => u.Slug != null && published.Any(c => c.InstructorId == u.Id))
            .OrderBy(u => u.Id).Select(u => u.Slug!).ToListAsync(ct);
        return new SitemapModel(courses, categories, instructors);
    }

    private static async Task<List<CategoryModel>> GetTopCategoriesAsync(KnowledgeHubDbContext db, CancellationToken ct)
    {
        var counts = await db.Courses.AsNoTracking().Where(c => c.Status == CourseStatus.Published)
            .GroupBy(c => c.Category!.ParentId ?? c.CategoryId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var tops = await db.Categories.AsNoTracking().Where(c => c.ParentId == null).OrderBy(c => c.SortOrder)
            .Select(c => new CategoryModel(c.Id, c.Slug, c.NameZh, c.NameEn, c.Icon, c.ParentId, 0)).ToListAsync(ct);
        return tops.Select(c => c with { CourseCount = counts.GetValueOrDefault(c.Id) }).ToList();
    }

    internal static IQueryable<CourseCardModel> ToCards(IQueryable<Course> courses) => courses.Select(c => new CourseCardModel(
        c.Id, c.Slug, c.Title, c.Subtitle, c.Instructor!.DisplayName, c.Instructor.Slug,
        c.RatingAverage, c.RatingCount, c.EnrollmentCount, c.Price, c.Level, c.Language,
        c.CoverStyle, c.Category!.NameZh, c.Category.NameEn, c.TotalDurationSeconds, c.LessonCount, c.CoverImageKey));
}

public sealed record LessonRow(int Id, string Title, LessonKind Kind, int DurationSeconds, bool IsPreview);
public sealed record SectionRow(string Title, IReadOnlyList<LessonRow> Lessons);
public sealed record CourseDetailModel(
    CourseCardModel Card, string CategorySlug, string? ParentCategorySlug, string? ParentCategoryNameZh, string? ParentCategoryNameEn, string Description, string WhatYouWillLearn, string Requirements, string Tags,
    string? InstructorBio, string? InstructorHeadline, DateTime UpdatedUtc, IReadOnlyList<SectionRow> Sections);
