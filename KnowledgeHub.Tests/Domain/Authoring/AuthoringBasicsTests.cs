using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

/// <summary>Creating a course, saving its basics, price rules, bad input and the optimistic concurrency token.</summary>
public sealed class AuthoringBasicsTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;

    public async Task InitializeAsync() => world = await CreateAsync(testDb);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    [Fact]
    public async Task CreateCourseAsync_AsciiTitle_MakesADraftWithASlugFromTheWords()
    {
        var created = Ok(await world.Authoring.CreateCourseAsync(world.OwnerId, "  Python 3: From Zero to Hero!  ", world.CategoryId));

        Assert.Equal("python-3-from-zero-to-hero", created.Slug);
        var course = await world.LoadAsync(created.CourseId);
        Assert.Equal((CourseStatus.Draft, "Python 3: From Zero to Hero!", world.OwnerId, 0L, "en-US"),
            (course.Status, course.Title, course.InstructorId, course.Price.MinorUnits, course.Language));
        Assert.Equal(SmallCatalogNow, course.CreatedUtc);
        Assert.NotEmpty(course.CoverStyle);
    }

    [Fact]
    public async Task CreateCourseAsync_ChineseTitle_MakesACourseSlugWithARandomPart()
    {
        var created = Ok(await world.Authoring.CreateCourseAsync(world.OwnerId, "零基础学编程", world.CategoryId));

        Assert.Matches("^course-[a-z0-9]{8}$", created.Slug);
        Assert.Equal("zh-CN", (await world.LoadAsync(created.CourseId)).Language);
    }

    [Fact]
    public async Task CreateCourseAsync_SameTitleTwice_NumbersTheSecondSlug()
    {
        var first = Ok(await world.Authoring.CreateCourseAsync(world.OwnerId, "React Basics", world.CategoryId));
        var second = Ok(await world.Authoring.CreateCourseAsync(world.OtherInstructorId, "React Basics", world.CategoryId));
        var third = Ok(await world.Authoring.CreateCourseAsync(world.OwnerId, "React Basics", world.CategoryId));

        Assert.Equal(["react-basics", "react-basics-2", "react-basics-3"], [first.Slug, second.Slug, third.Slug]);
    }

    [Fact]
    public async Task CreateCourseAsync_Learner_IsRefusedAsNotInstructor()
    {
        var before = await world.SnapshotAsync();

        Refused(await world.Authoring.CreateCourseAsync(world.LearnerId, "My course", world.CategoryId), "authoring.not_instructor");

        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Theory]
    [InlineData(10_000, "authoring.title_too_long")]
    [InlineData(121, "authoring.title_too_long")]
    [InlineData(0, "authoring.title_required")]
    public async Task CreateCourseAsync_BadTitle_IsRefusedAndStoresNothing(int length, string code)
    {
        var before = await world.SnapshotAsync();

        Refused(await world.Authoring.CreateCourseAsync(world.OwnerId, new string('题', length), world.CategoryId), code);

        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task CreateCourseAsync_UnknownCategory_IsRefused() =>
        Refused(await world.Authoring.CreateCourseAsync(world.OwnerId, "Go", 9999), "authoring.category_unknown");

    [Fact]
    public async Task SaveBasicsAsync_ValidBasics_SavesEveryFieldAndRaisesTheVersion()
    {
        var (id, version) = await world.CreateDraftAsync();
        world.Catalog.Clock.Advance(TimeSpan.FromMinutes(10));
        var basics = new CourseBasics(" 数据分析 ", "副标题", " Data-Analysis-101 ", "**介绍**", "- 一\n- 二", "无", world.CategoryId,
            ["python", " 数据 ", "Python", ""], CourseLevel.Advanced, "en-US", Money.Yuan(99.5m));

        var saved = Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, basics));

        Assert.Equal(version + 1, saved.Version);
        var editor = await world.EditorAsync(id);
        IReadOnlyList<string> noTags = [];
        Assert.Equal(basics.Normalized() with { Tags = noTags }, editor.Basics with { Tags = noTags });
        Assert.Equal(["python", "数据"], editor.Basics.Tags);
        Assert.Equal("data-analysis-101", editor.Basics.Slug);
        Assert.Equal(9950, editor.Basics.Price.MinorUnits);
        Assert.Equal(SmallCatalogNow.AddMinutes(10), editor.UpdatedUtc);
    }

    public static TheoryData<string, Func<CourseBasics, CourseBasics>> BadBasics() => new()
    {
        { "authoring.title_too_long", b => b with { Title = new string('题', 10_000) } },
        { "authoring.title_required", b => b with { Title = "   " } },
        { "authoring.subtitle_too_long", b => b with { Subtitle = new string('副', 201) } },
        { "authoring.price_negative", b => b with { Price = new Money(-1, Money.Cny) } },
        { "authoring.price_too_high", b => b with { Price = Money.Yuan(1_000_000m) } },
        { "authoring.price_too_high", b => b with { Price = new Money(long.MaxValue, Money.Cny) } },
        { "authoring.currency_unsupported", b => b with { Price = new Money(100, "USD") } },
        { "authoring.slug_invalid", b => b with { Slug = "has spaces" } },
        { "authoring.slug_invalid", b => b with { Slug = "中文" } },
        { "authoring.slug_invalid", b => b with { Slug = "a--b" } },
        { "authoring.slug_invalid", b => b with { Slug = "ab" } },
        { "authoring.slug_invalid", b => b with { Slug = new string('a', 121) } },
        { "authoring.category_unknown", b => b with { CategoryId = 9999 } },
        { "authoring.language_unsupported", b => b with { Language = "fr-FR" } },
        { "authoring.level_unknown", b => b with { Level = (CourseLevel)42 } },
        { "authoring.markdown_too_long", b => b with { Description = new string('述', Course.DescriptionMaxLength + 1) } },
        { "authoring.markdown_too_long", b => b with { WhatYouWillLearn = new string('学', Course.ListMaxLength + 1) } },
        { "authoring.markdown_too_long", b => b with { Requirements = new string('要', Course.ListMaxLength + 1) } },
        { "authoring.tags_invalid", b => b with { Tags = Enumerable.Range(1, 11).Select(i => $"t{i}").ToList() } },
        { "authoring.tags_invalid", b => b with { Tags = ["a,b"] } },
        { "authoring.tags_invalid", b => b with { Tags = [new string('t', 31)] } },
    };

    [Theory]
    [MemberData(nameof(BadBasics))]
    public async Task SaveBasicsAsync_BadInput_IsRefusedWithItsCodeAndNothingChanges(string code, Func<CourseBasics, CourseBasics> spoil)
    {
        var (id, version) = await world.CreateDraftAsync();
        var before = await world.SnapshotAsync();

        var result = await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, spoil(CompleteBasics("good-slug", world.CategoryId)));

        Refused(result, code);
        Assert.Equal(code.Replace("authoring.", "Authoring", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal),
            result.Error!.Message, ignoreCase: true);
        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task SaveBasicsAsync_SlugOfAnotherCourse_IsSlugTaken()
    {
        var taken = await world.CreateDraftAsync("Taken Course", world.OtherInstructorId);
        var (id, version) = await world.CreateDraftAsync();

        Refused(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, CompleteBasics("taken-course", world.CategoryId)),
            "authoring.slug_taken");

        Assert.Equal("taken-course", (await world.LoadAsync(taken.Id)).Slug);
    }

    [Fact]
    public async Task SaveBasicsAsync_PriceAtTheMaximumAndZero_AreAccepted()
    {
        var (id, version) = await world.CreateDraftAsync();

        version = Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version,
            CompleteBasics("priced", world.CategoryId, Course.MaxPriceMinor))).Version;
        Assert.Equal(Course.MaxPriceMinor, (await world.LoadAsync(id)).Price.MinorUnits);
        Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, CompleteBasics("priced", world.CategoryId, 0)));
        Assert.True((await world.LoadAsync(id)).IsFree);
    }

    [Fact]
    public async Task SaveBasicsAsync_PriceChangeOfAPublishedCourse_LeavesExistingOrdersAlone()
    {
        var course = await world.CreatePublishedAsync();
        await using (var db = await world.Db.CreateDbContextAsync())
        {
            var order = Order.Seeded("KH-TEST-1", world.LearnerId, [(course.Id, "Python 数据分析", new Money(19900, Money.Cny))], "alipay",
                SmallCatalogNow, SmallCatalogNow, "pay-1");
            db.Orders.Add(order);
            await db.SaveChangesAsync();
        }

        Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, course.Id, course.Version,
            CompleteBasics($"complete-{course.Id}", world.CategoryId, 29900) with { Title = "新标题" }));

        await using var check = await world.Db.CreateDbContextAsync();
        var saved = await check.Orders.Include(o => o.Lines).SingleAsync();
        Assert.Equal((19900L, 19900L, "Python 数据分析"), (saved.Total.MinorUnits, saved.Lines[0].Price.MinorUnits, saved.Lines[0].CourseTitle));
        Assert.Equal(29900, (await world.LoadAsync(course.Id)).Price.MinorUnits);
    }

    [Fact]
    public async Task SaveBasicsAsync_StaleVersion_IsConflictAndKeepsTheOtherTabsChange()
    {
        var (id, version) = await world.CreateDraftAsync();
        var tabA = CompleteBasics("tab-a", world.CategoryId);
        var tabB = CompleteBasics("tab-b", world.CategoryId) with { Title = "B 的标题" };

        Ok(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, tabA));
        var before = await world.SnapshotAsync();
        var stale = await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, tabB);

        Refused(stale, "authoring.conflict");
        Assert.Equal("AuthoringConflict", stale.Error!.Message);
        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Equal("tab-a", (await world.LoadAsync(id)).Slug);
    }

    [Fact]
    public async Task CurriculumChange_StaleVersion_IsConflict()
    {
        var draft = await world.CreateCompleteDraftAsync();
        Ok(await world.Authoring.RenameSectionAsync(world.OwnerId, draft.Id, draft.Version, draft.FirstSectionId, "另一个标签页"));

        Refused(await world.Authoring.MoveSectionAsync(world.OwnerId, draft.Id, draft.Version, draft.SecondSectionId, 1), "authoring.conflict");
        Refused(await world.Authoring.DeleteLessonAsync(world.OwnerId, draft.Id, draft.Version, draft.ArticleId), "authoring.conflict");
        Refused(await world.Authoring.SubmitAsync(world.OwnerId, draft.Id, draft.Version), "authoring.conflict");
        Refused(await world.Authoring.AttachLessonFileAsync(world.OwnerId, draft.Id, draft.Version, draft.VideoId, world.NewFile()),
            "authoring.conflict");
        Assert.Equal(3, (await world.LoadAsync(draft.Id)).LessonCount);
    }

    [Fact]
    public async Task VersionToken_ChangedBehindTheServicesBack_IsConflictOnSave()
    {
        var (id, version) = await world.CreateDraftAsync();
        await using (var db = await world.Db.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("UPDATE Courses SET Version = Version + 5 WHERE Id = {0}", id);

        Refused(await world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, CompleteBasics("x-slug", world.CategoryId)), "authoring.conflict");
    }

    [Fact]
    public async Task VersionToken_IsAnEfConcurrencyToken()
    {
        await using var db = await world.Db.CreateDbContextAsync();

        Assert.True(db.Model.FindEntityType(typeof(Course))!.FindProperty(nameof(Course.Version))!.IsConcurrencyToken);
    }

    [Fact]
    public async Task RatingAndEnrolmentChanges_DoNotRaiseTheVersion()
    {
        var course = await world.CreatePublishedAsync();
        await world.Catalog.EnrollAsync(world.LearnerId, course.Id);
        Ok(await world.Catalog.Reviews.SubmitAsync(world.LearnerId, course.Id, 5, "好"));

        Assert.Equal(course.Version, (await world.LoadAsync(course.Id)).Version);
        Ok(await world.Authoring.RenameLessonAsync(world.OwnerId, course.Id, course.Version, course.ArticleId, "新名字"));
    }

    [Fact]
    public void CourseSlug_FromTitle_TakesAsciiWordsOnly()
    {
        Assert.Equal("c-for-beginners", CourseSlug.FromTitle("C# for Beginners"));
        Assert.Equal("python", CourseSlug.FromTitle("Python 入门到精通"));
        Assert.Null(CourseSlug.FromTitle("入门到精通"));
        Assert.Null(CourseSlug.FromTitle("Go"));
        Assert.True(CourseSlug.FromTitle(string.Join(' ', Enumerable.Repeat("word", 100)))!.Length <= 80);
    }

    private static DateTime SmallCatalogNow => KnowledgeHub.Tests.Domain.Reviews.SmallCatalog.Now.UtcDateTime;
}
