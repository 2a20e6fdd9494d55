using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Catalog.Search;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KnowledgeHub.Tests.Domain.Catalog;

/// <summary>The demo catalogue, seeded once for the class, plus one course that mentions Python only in its description.</summary>
public sealed class SearchFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    public const string DescriptionOnlyPythonTitle = "数据岗位求职路线图";

    public TestDb Db { get; } = new();
    public CatalogSearchService Search { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var clock = new FakeTimeProvider(Now);
        await new DemoSeeder(Db, clock).SeedAsync();
        await using (var db = Db.CreateDbContext())
        {
            var category = await db.Categories.SingleAsync(c => c.Slug == "career-growth");
            var instructor = await db.Users.SingleAsync(u => u.Slug == "zhao-ming");
            var course = new Course("data-career-roadmap", DescriptionOnlyPythonTitle, "从简历到面试，规划你的数据职业",
                "想转行做数据分析师？这门课讲清楚岗位要求：熟练使用 Python 和 SQL，能讲好业务故事。", category.Id, instructor.Id,
                Money.Yuan(49), CourseLevel.Beginner, SupportedCultures.Chinese, Now.UtcDateTime.AddDays(-30));
            course.Describe("", "", ["求职", "职业规划"], "#123456,#654321,WorkOutline");
            course.AddSection("岗位全景").AddLesson("课程介绍", LessonKind.Video, 300, isPreview: true);
            course.RefreshTotals();
            course.Publish(Now.UtcDateTime.AddDays(-29));
            course.SetEnrollmentCount(100_000); // the most popular course: only the text ranking can put it below the others
            db.Courses.Add(course);
            await db.SaveChangesAsync();
        }
        Search = new CatalogSearchService(Db, clock, NullLogger<CatalogSearchService>.Instance);
    }

    public Task DisposeAsync()
    {
        Db.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SearchTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private const string MachineLearningIntro = "机器学习入门：用 Python 理解经典算法";
    private const string DeepLearningInPractice = "深度学习实战：PyTorch 从零到部署";
    private const string DraftTitle = "推荐系统原理与工程实践";

    private CatalogSearchService Search => fixture.Search;

    private Task<CatalogPage> SearchAsync(CatalogQuery query) => Search.SearchAsync(query, CancellationToken.None);

    private Task<CatalogPage> SearchAsync(string text) => SearchAsync(new CatalogQuery(Text: text, PageSize: CatalogQuery.MaxPageSize));

    // Text ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task SearchAsync_TwoChineseCharacters_FindsBothLearningCourses()
    {
        var page = await SearchAsync("学习");

        var titles = page.Items.Select(c => c.Title).ToList();
        Assert.Contains(MachineLearningIntro, titles);
        Assert.Contains(DeepLearningInPractice, titles);
        Assert.Equal(["学习"], page.Terms);
    }

    [Fact]
    public async Task SearchAsync_TwoChineseCharacters_RanksTitleMatchesFirst()
    {
        var page = await SearchAsync("学习");

        var titleMatches = page.Items.TakeWhile(c => c.Title.Contains("学习")).Count();
        Assert.Equal(page.Items.Count(c => c.Title.Contains("学习")), titleMatches);
        Assert.True(page.Total > titleMatches, "courses with 学习 only in the description are found too");
    }

    [Fact]
    public async Task SearchAsync_Python_RanksTitleMatchesAboveADescriptionOnlyMatch()
    {
        var page = await SearchAsync("Python");

        var titles = page.Items.Select(c => c.Title).ToList();
        Assert.Contains("Python", titles[0]);
        var descriptionOnly = titles.IndexOf(SearchFixture.DescriptionOnlyPythonTitle);
        Assert.True(descriptionOnly > 0, "the course that mentions Python in its description is found");
        Assert.All(titles.Select((t, i) => (t, i)).Where(x => x.t.Contains("Python", StringComparison.OrdinalIgnoreCase)),
            x => Assert.True(x.i < descriptionOnly, $"{x.t} ranks above the description-only match"));
    }

    [Fact]
    public async Task SearchAsync_EnglishWord_IgnoresCase()
    {
        var lower = await SearchAsync("python");
        var upper = await SearchAsync("PYTHON");

        Assert.True(lower.Total > 0);
        Assert.Equal(lower.Items.Select(c => c.Id), upper.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task SearchAsync_MixedChineseAndEnglish_RequiresEveryTerm()
    {
        var python = await SearchAsync("python");
        var both = await SearchAsync("python 数据");

        Assert.Contains(both.Items, c => c.Title == "Python 数据分析实战：从 Pandas 到可视化");
        Assert.True(both.Total < python.Total, "adding a word narrows the results");
        Assert.DoesNotContain(both.Items, c => c.Title == "Python for Everyone: A Practical Introduction");
        Assert.Equal(["python", "数据"], both.Terms);
    }

    [Fact]
    public async Task SearchAsync_FullWidthSpace_SeparatesTerms()
    {
        var page = await SearchAsync("机器学习\u3000Python");

        Assert.Equal(["机器学习", "Python"], page.Terms);
        Assert.Contains(page.Items, c => c.Title == MachineLearningIntro);
    }

    [Fact]
    public async Task SearchAsync_RepeatedWord_ReturnsDistinctTerms()
    {
        var page = await SearchAsync("Python python  Python");

        Assert.Equal(["Python"], page.Terms);
        Assert.True(page.Total > 0);
    }

    [Fact]
    public async Task SearchAsync_OneCharacter_FindsCoursesContainingIt()
    {
        var page = await SearchAsync("影");

        Assert.True(page.Total >= 2, string.Join(" | ", page.Items.Select(c => c.Title)));
        Assert.Contains(page.Items, c => c.Title == "手机摄影：用手机拍出大片感");
        Assert.Contains(page.Items, c => c.Title == "人像摄影布光与后期");
    }

    [Fact]
    public async Task SearchAsync_InstructorName_FindsTheirCourses()
    {
        var page = await SearchAsync("林晓峰");

        Assert.True(page.Total >= 5);
        Assert.All(page.Items, c => Assert.Equal("林晓峰", c.InstructorName));
    }

    [Fact]
    public async Task SearchAsync_ShortLatinWithSymbol_FindsIt()
    {
        var page = await SearchAsync("C#");

        Assert.Contains(page.Items, c => c.Title == "Building Web APIs with ASP.NET Core");
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"\"\"")]
    [InlineData("*")]
    [InlineData("Python*")]
    [InlineData("NEAR(a b)")]
    [InlineData("NEAR(Python 数据, 3)")]
    [InlineData("a OR b")]
    [InlineData("Python AND NOT 数据")]
    [InlineData("(")]
    [InlineData("(Python")]
    [InlineData("^x")]
    [InlineData("-x")]
    [InlineData("title:Python")]
    [InlineData("{title subtitle}:Python")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\\")]
    [InlineData("'; DROP TABLE Courses; --")]
    [InlineData("😀")]
    [InlineData("🐍 Python 🐍🐍🐍")]
    [InlineData("！？。…")]
    [InlineData("，，，")]
    public async Task SearchAsync_SyntaxOrOddInput_ReturnsWithoutThrowing(string text)
    {
        var page = await SearchAsync(text);

        Assert.InRange(page.Items.Count, 0, page.Total);
        Assert.True(page.DidYouMean.Count <= 3);
    }

    [Fact]
    public async Task SearchAsync_QuotedPhrase_MatchesTheQuoteLiterally()
    {
        var page = await SearchAsync("\"Python\"");

        Assert.Equal(0, page.Total); // no course has the quotes themselves in its text
    }

    [Fact]
    public async Task SearchAsync_ThousandCharacterText_IsCutAndDoesNotThrow()
    {
        var page = await SearchAsync(string.Concat(Enumerable.Repeat("Python 学习 ", 100)) + new string('x', 1000));

        Assert.True(page.Total > 0, "the first hundred characters still search for Python and 学习");
        Assert.Equal(["Python", "学习"], page.Terms);
    }

    [Fact]
    public async Task SearchAsync_EmojiCutInHalfAtTheLimit_DoesNotThrow()
    {
        var page = await SearchAsync(new string('a', CatalogQuery.MaxTextLength - 1) + "😀😀");

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task SearchAsync_DraftTitle_FindsNothing()
    {
        var page = await SearchAsync(DraftTitle);

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
        Assert.DoesNotContain(DraftTitle, page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_NoText_ListsEveryPublishedCourseButNoDraft()
    {
        await using var db = fixture.Db.CreateDbContext();
        var published = await db.Courses.CountAsync(c => c.Status == CourseStatus.Published);

        var page = await SearchAsync(new CatalogQuery());

        Assert.Equal(published, page.Total);
        Assert.True(await db.Courses.CountAsync() > published, "the demo data has drafts");
        Assert.Empty(page.Terms);
    }

    // Filters ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task SearchAsync_ChildCategory_ListsOnlyThatCategory()
    {
        var page = await SearchAsync(new CatalogQuery(CategorySlug: "python", PageSize: 48));

        Assert.True(page.Total >= 4);
        Assert.All(page.Items, c => Assert.Equal("Python", c.CategoryNameEn));
    }

    [Fact]
    public async Task SearchAsync_TopCategory_IncludesItsChildren()
    {
        var page = await SearchAsync(new CatalogQuery(CategorySlug: "ai-data", PageSize: 48));

        Assert.Equal(["Data analysis", "Deep learning & LLMs", "Machine learning"], page.Items.Select(c => c.CategoryNameEn).Distinct().Order());
    }

    [Fact]
    public async Task SearchAsync_TopCategoryAndText_CombinesBoth()
    {
        var page = await SearchAsync(new CatalogQuery(Text: "Python", CategorySlug: "ai-data", PageSize: 48));

        Assert.Contains(page.Items, c => c.Title == MachineLearningIntro);
        Assert.DoesNotContain(page.Items, c => c.CategoryNameEn == "Python");
    }

    [Fact]
    public async Task SearchAsync_UnknownCategory_FindsNothing()
    {
        var page = await SearchAsync(new CatalogQuery(CategorySlug: "no-such-category"));

        Assert.Equal(0, page.Total);
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task SearchAsync_Level_KeepsOnlyThatLevel()
    {
        var page = await SearchAsync(new CatalogQuery(Level: CourseLevel.Advanced, PageSize: 48));

        Assert.True(page.Total > 0);
        Assert.All(page.Items, c => Assert.Equal(CourseLevel.Advanced, c.Level));
    }

    [Fact]
    public async Task SearchAsync_Language_KeepsOnlyThatLanguage()
    {
        var page = await SearchAsync(new CatalogQuery(Language: SupportedCultures.English, PageSize: 48));

        Assert.True(page.Total > 0);
        Assert.All(page.Items, c => Assert.Equal(SupportedCultures.English, c.Language));
    }

    [Theory]
    [InlineData(PriceBand.Free, 0, 0)]
    [InlineData(PriceBand.Under50, 1, 4999)]
    [InlineData(PriceBand.From50To200, 5000, 20000)]
    [InlineData(PriceBand.Over200, 20001, long.MaxValue)]
    public async Task SearchAsync_PriceBand_KeepsPricesInTheBand(PriceBand band, long min, long max)
    {
        var page = await SearchAsync(new CatalogQuery(Price: band, PageSize: 48));

        Assert.True(page.Total > 0);
        Assert.All(page.Items, c => Assert.InRange(c.Price.MinorUnits, min, max));
    }

    [Fact]
    public async Task SearchAsync_PriceBands_TogetherCoverEveryCourse()
    {
        var all = (await SearchAsync(new CatalogQuery())).Total;
        var sum = 0;
        foreach (var band in Enum.GetValues<PriceBand>())
            sum += (await SearchAsync(new CatalogQuery(Price: band))).Total;

        Assert.Equal(all, sum);
    }

    [Fact]
    public async Task SearchAsync_MinRating_DropsLowerRatedCourses()
    {
        var all = await SearchAsync(new CatalogQuery());
        var page = await SearchAsync(new CatalogQuery(MinRating: 4.5, PageSize: 48));

        Assert.InRange(page.Total, 1, all.Total - 1);
        Assert.All(page.Items, c => Assert.True(c.RatingAverage >= 4.5, $"{c.Title} is rated {c.RatingAverage}"));
    }

    [Fact]
    public async Task SearchAsync_EveryFilterAtOnce_AppliesThemAll()
    {
        var page = await SearchAsync(new CatalogQuery(Text: "数据", CategorySlug: "ai-data", Level: CourseLevel.Beginner,
            Language: SupportedCultures.Chinese, Price: PriceBand.From50To200, PageSize: 48));

        Assert.Contains(page.Items, c => c.Title == "SQL 数据分析：从查询到业务洞察");
        Assert.All(page.Items, c =>
        {
            Assert.Equal(CourseLevel.Beginner, c.Level);
            Assert.Equal(SupportedCultures.Chinese, c.Language);
            Assert.InRange(c.Price.MinorUnits, 5000, 20000);
        });
    }

    // Sorting and paging -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(CatalogSort.Relevance)]
    [InlineData(CatalogSort.Popular)]
    [InlineData(CatalogSort.Newest)]
    [InlineData(CatalogSort.Rating)]
    [InlineData(CatalogSort.PriceLow)]
    [InlineData(CatalogSort.PriceHigh)]
    public async Task SearchAsync_SortOrder_OrdersEveryCourseAcrossPages(CatalogSort sort)
    {
        await using var db = fixture.Db.CreateDbContext();
        var publishedUtc = await db.Courses.Where(c => c.PublishedUtc != null).ToDictionaryAsync(c => c.Id, c => c.PublishedUtc!.Value);
        var courses = new List<CourseCardModel>();
        CatalogPage page;
        var number = 1;
        do
        {
            page = await SearchAsync(new CatalogQuery(Sort: sort, Page: number++, PageSize: 7));
            courses.AddRange(page.Items);
        } while (page.Items.Count > 0);

        Assert.Equal(page.Total, courses.Count);
        Assert.Equal(courses.Count, courses.Select(c => c.Id).Distinct().Count());
        IComparer<CourseCardModel> expected = sort switch
        {
            CatalogSort.Newest => Order(c => publishedUtc[c.Id], descending: true),
            CatalogSort.Rating => Comparer<CourseCardModel>.Create((a, b) =>
                b.RatingAverage.CompareTo(a.RatingAverage) is not 0 and var r ? r : b.RatingCount.CompareTo(a.RatingCount) is not 0 and var n ? n : a.Id.CompareTo(b.Id)),
            CatalogSort.PriceLow => Order(c => c.Price.MinorUnits, descending: false),
            CatalogSort.PriceHigh => Order(c => c.Price.MinorUnits, descending: true),
            _ => Order(c => c.EnrollmentCount, descending: true), // Relevance without text is popularity
        };
        Assert.Equal(courses.Order(expected).Select(c => c.Id), courses.Select(c => c.Id));
    }

    private static IComparer<CourseCardModel> Order<T>(Func<CourseCardModel, T> key, bool descending) where T : IComparable<T> =>
        Comparer<CourseCardModel>.Create((a, b) => (descending ? key(b).CompareTo(key(a)) : key(a).CompareTo(key(b))) is not 0 and var r ? r : a.Id.CompareTo(b.Id));

    [Theory]
    [InlineData(CatalogSort.Popular)]
    [InlineData(CatalogSort.PriceLow)]
    [InlineData(CatalogSort.Rating)]
    public async Task SearchAsync_SortWithText_OrdersTheMatches(CatalogSort sort)
    {
        var page = await SearchAsync(new CatalogQuery(Text: "学习", Sort: sort, PageSize: 48));

        var keys = page.Items.Select(c => sort switch
        {
            CatalogSort.Popular => -c.EnrollmentCount,
            CatalogSort.PriceLow => c.Price.MinorUnits,
            _ => -c.RatingAverage,
        }).ToList();
        Assert.True(keys.Count > 2);
        Assert.Equal(keys.Order(), keys);
    }

    [Fact]
    public async Task SearchAsync_SecondPage_ContinuesWhereTheFirstEnded()
    {
        var first = await SearchAsync(new CatalogQuery(Page: 1, PageSize: 10));
        var second = await SearchAsync(new CatalogQuery(Page: 2, PageSize: 10));

        Assert.Equal(10, first.Items.Count);
        Assert.Equal(10, second.Items.Count);
        Assert.Empty(first.Items.Select(c => c.Id).Intersect(second.Items.Select(c => c.Id)));
        Assert.Equal(first.Total, second.Total);
        Assert.Equal((first.Total + 9) / 10, first.PageCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("学习")]
    [InlineData("Python")]
    public async Task SearchAsync_PagePastTheEnd_ReturnsNoItemsAndTheTotal(string? text)
    {
        var all = await SearchAsync(new CatalogQuery(Text: text, PageSize: 12));
        var past = await SearchAsync(new CatalogQuery(Text: text, Page: 1_000, PageSize: 12));
        var far = await SearchAsync(new CatalogQuery(Text: text, Page: int.MaxValue, PageSize: 48));

        Assert.True(all.Total > 0);
        Assert.Empty(past.Items);
        Assert.Equal(all.Total, past.Total);
        Assert.Equal(1_000, past.Page);
        Assert.Empty(far.Items);
        Assert.Equal(all.Total, far.Total);
    }

    [Fact]
    public async Task SearchAsync_OutOfRangePaging_IsClamped()
    {
        var page = await SearchAsync(new CatalogQuery(Page: -3, PageSize: 1_000));

        Assert.Equal(1, page.Page);
        Assert.Equal(CatalogQuery.MaxPageSize, page.PageSize);
        Assert.Equal(CatalogQuery.MaxPageSize, page.Items.Count);
    }

    // Did you mean -------------------------------------------------------------------------------------------

    [Fact]
    public async Task SearchAsync_MisspeltEnglishWord_SuggestsTheCorrectWord()
    {
        var page = await SearchAsync("Pyhton");

        Assert.Equal(0, page.Total);
        Assert.Contains("Python", page.DidYouMean);
        Assert.True(page.DidYouMean.Count <= 3);
    }

    [Fact]
    public async Task SearchAsync_MisspeltWordBesideAGoodOne_SuggestsTheWholeCorrectedText()
    {
        var page = await SearchAsync("Pyhton 数据");

        Assert.Contains("Python 数据", page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_MisspeltChineseWord_SuggestsTheCorrectWord()
    {
        var page = await SearchAsync("机器学系");

        Assert.Equal(0, page.Total);
        Assert.Contains("机器学习", page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_Suggestions_EachFindCoursesWithTheSameFilters()
    {
        var query = new CatalogQuery(Text: "Pyhton", Language: SupportedCultures.English);

        var page = await SearchAsync(query);

        Assert.NotEmpty(page.DidYouMean);
        foreach (var suggestion in page.DidYouMean)
            Assert.True((await SearchAsync(query with { Text = suggestion })).Total > 0, suggestion);
    }

    [Fact]
    public async Task SearchAsync_KnownWordsOutsideTheFilter_SuggestNothing()
    {
        var page = await SearchAsync(new CatalogQuery(Text: "Python", CategorySlug: "music"));

        Assert.Equal(0, page.Total);
        Assert.Empty(page.DidYouMean);
    }

    [Fact]
    public async Task SearchAsync_Gibberish_SuggestsNothing()
    {
        var page = await SearchAsync("qzxvwk");

        Assert.Equal(0, page.Total);
        Assert.Empty(page.DidYouMean);
    }

    // Suggestions --------------------------------------------------------------------------------------------

    [Fact]
    public async Task SuggestAsync_OneCharacter_SuggestsCoursesAndCategories()
    {
        var suggestions = await Search.SuggestAsync("学", 3, chinese: true, CancellationToken.None);

        Assert.Equal(3, suggestions.Courses.Count);
        Assert.All(suggestions.Courses, s => Assert.Contains("学", s.Label));
        Assert.All(suggestions.Courses, s => Assert.StartsWith("/courses/", s.Url));
        Assert.Contains(suggestions.Categories, s => s is { Label: "机器学习", Url: "/courses/c/machine-learning", Kind: SuggestionItem.CategoryKind });
        Assert.InRange(suggestions.Categories.Count, 1, 3);
    }

    [Fact]
    public async Task SuggestAsync_OneCharacterOfAName_SuggestsTheInstructor()
    {
        var suggestions = await Search.SuggestAsync("林", 5, chinese: true, CancellationToken.None);

        Assert.Contains(suggestions.Instructors, s => s is { Label: "林晓峰", Url: "/instructors/lin-xiaofeng", Kind: SuggestionItem.InstructorKind });
    }

    [Fact]
    public async Task SuggestAsync_EnglishInterface_LabelsCategoriesInEnglish()
    {
        var suggestions = await Search.SuggestAsync("机器", 5, chinese: false, CancellationToken.None);

        Assert.Contains(suggestions.Categories, s => s.Label == "Machine learning");
        Assert.Contains(suggestions.Courses, s => s is { Label: MachineLearningIntro, Url: "/courses/machine-learning-intro" });
    }

    [Fact]
    public async Task SuggestAsync_TitleStartingWithTheText_ComesFirst()
    {
        var suggestions = await Search.SuggestAsync("python", 10, chinese: true, CancellationToken.None);

        var starts = suggestions.Courses.TakeWhile(s => s.Label.StartsWith("Python", StringComparison.OrdinalIgnoreCase)).Count();
        Assert.True(starts >= 3);
        Assert.Equal(suggestions.Courses.Count(s => s.Label.StartsWith("Python", StringComparison.OrdinalIgnoreCase)), starts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public async Task SuggestAsync_Blank_ReturnsEmptyLists(string text)
    {
        var suggestions = await Search.SuggestAsync(text, 5, chinese: true, CancellationToken.None);

        Assert.Empty(suggestions.Courses);
        Assert.Empty(suggestions.Categories);
        Assert.Empty(suggestions.Instructors);
    }

    [Fact]
    public async Task SuggestAsync_DraftTitle_IsNotSuggested()
    {
        var suggestions = await Search.SuggestAsync("推荐系统", 5, chinese: true, CancellationToken.None);

        Assert.Empty(suggestions.Courses);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("\"*(")]
    public async Task SuggestAsync_Wildcards_AreLiteral(string text)
    {
        var suggestions = await Search.SuggestAsync(text, 5, chinese: true, CancellationToken.None);

        Assert.Empty(suggestions.Courses);
        Assert.Empty(suggestions.Categories);
        Assert.Empty(suggestions.Instructors);
    }
}
