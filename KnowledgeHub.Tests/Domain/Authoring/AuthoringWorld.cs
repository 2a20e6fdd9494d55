using System.Text;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Domain.Reviews;
using Microsoft.EntityFrameworkCore;

namespace KnowledgeHub.Tests.Domain.Authoring;

/// <summary>
/// <see cref="SmallCatalog"/> (a category, the instructor 王老师 and an admin) plus the authoring services, a second
/// instructor and a learner, and helpers that build courses through the service the way the editor does.
/// </summary>
public sealed class AuthoringWorld
{
    private int fileNumber;

    private AuthoringWorld(SmallCatalog catalog)
    {
        Catalog = catalog;
        Authoring = new CourseAuthoringService(catalog.Db, catalog.Clock);
        Applications = new InstructorApplicationService(catalog.Db, catalog.Clock);
        Sales = new InstructorSalesQueries(catalog.Db);
        Media = new LessonMediaAccess(catalog.Db);
    }

    public SmallCatalog Catalog { get; }
    public IDbContextFactory<KnowledgeHubDbContext> Db => Catalog.Db;
    public CourseAuthoringService Authoring { get; }
    public InstructorApplicationService Applications { get; }
    public InstructorSalesQueries Sales { get; }
    public LessonMediaAccess Media { get; }
    public int OwnerId => Catalog.InstructorId;
    public int AdminId => Catalog.AdminId;
    public int OtherInstructorId { get; private set; }
    public int LearnerId { get; private set; }
    public int CategoryId => Catalog.CategoryId;

    public static async Task<AuthoringWorld> CreateAsync(IDbContextFactory<KnowledgeHubDbContext> db)
    {
        var world = new AuthoringWorld(await new SmallCatalog(db).SeedAsync());
        world.OtherInstructorId = await world.Catalog.AddUserAsync("李老师", Roles.Instructor);
        world.LearnerId = await world.Catalog.AddUserAsync("小明");
        return world;
    }

    /// <summary>A new draft of the owner (through the service); returns its id and version.</summary>
    public async Task<(int Id, int Version)> CreateDraftAsync(string title = "Python Basics", int? ownerId = null)
    {
        var created = Ok(await Authoring.CreateCourseAsync(ownerId ?? OwnerId, title, CategoryId));
        return (created.CourseId, created.Version);
    }

    public static CourseBasics CompleteBasics(string slug, int categoryId, long priceFen = 19900) => new(
        "Python 数据分析", "从零开始的实战课", slug, "用 **pandas** 分析真实数据。", "- 读取数据\n- 画图", "会用电脑即可",
        categoryId, ["python", "数据"], CourseLevel.Beginner, SupportedCultures.Chinese, new Money(priceFen, Money.Cny));

    /// <summary>
    /// A complete draft: basics, two sections ("第一章" with an article and a video, "第二章" with a quiz), ready to submit.
    /// </summary>
    public async Task<Draft> CreateCompleteDraftAsync(int? ownerId = null)
    {
        var owner = ownerId ?? OwnerId;
        var (id, version) = await CreateDraftAsync("Python Data", owner);
        version = Ok(await Authoring.SaveBasicsAsync(owner, id, version, CompleteBasics($"complete-{id}", CategoryId))).Version;
        var first = Ok(await Authoring.AddSectionAsync(owner, id, version, "第一章"));
        var second = Ok(await Authoring.AddSectionAsync(owner, id, first.Version, "第二章"));
        var article = Ok(await Authoring.AddLessonAsync(owner, id, second.Version, first.CreatedId!.Value, "为什么学 Python", LessonKind.Article));
        var saved = Ok(await Authoring.SaveLessonAsync(owner, id, article.Version, article.CreatedId!.Value,
            new LessonDetails("为什么学 Python", true, 300, "Python **简单**。")));
        var video = Ok(await Authoring.AddLessonAsync(owner, id, saved.Version, first.CreatedId.Value, "安装", LessonKind.Video));
        var attached = Ok(await Authoring.AttachLessonFileAsync(owner, id, video.Version, video.CreatedId!.Value, NewFile("video/mp4")));
        var quiz = Ok(await Authoring.AddLessonAsync(owner, id, attached.Version, second.CreatedId!.Value, "小测验", LessonKind.Quiz));
        var quizSaved = Ok(await Authoring.SaveQuizAsync(owner, id, quiz.Version, quiz.CreatedId!.Value, SimpleQuiz()));
        return new Draft(id, quizSaved.Version, first.CreatedId.Value, second.CreatedId.Value, article.CreatedId.Value, video.CreatedId.Value,
            quiz.CreatedId.Value);
    }

    /// <summary>A complete course, submitted and approved by the admin.</summary>
    public async Task<Draft> CreatePublishedAsync(int? ownerId = null)
    {
        var draft = await CreateCompleteDraftAsync(ownerId);
        var submitted = Ok(await Authoring.SubmitAsync(ownerId ?? OwnerId, draft.Id, draft.Version));
        var approved = Ok(await Authoring.ApproveAsync(AdminId, draft.Id, submitted.Version, "不错"));
        return draft with { Version = approved.Version };
    }

    public static QuizDraft SimpleQuiz() => new(60,
    [
        new("Python 是什么？", false, [new("编程语言", true), new("一种蛇", false)]),
        new("哪些是 Python 的数据类型？", true, [new("list", true), new("dict", true), new("pointer", false)]),
    ]);

    public StoredFile NewFile(string contentType = "application/pdf") =>
        new($"lessons/{Interlocked.Increment(ref fileNumber):000}-{Guid.NewGuid():N}", "lesson.bin", contentType, 1024);

    public async Task<Course> LoadAsync(int courseId)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Courses.AsNoTracking().AsSplitQuery()
            .Include(c => c.Sections).ThenInclude(s => s.Lessons).ThenInclude(l => l.Questions).ThenInclude(q => q.Options)
            .Include(c => c.StatusHistory)
            .SingleAsync(c => c.Id == courseId);
    }

    public async Task<CourseEditorModel> EditorAsync(int courseId, int? userId = null) =>
        Ok(await Authoring.GetEditorAsync(userId ?? OwnerId, courseId));

    /// <summary>Every row of every table, as text: equal snapshots mean the database did not change.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var db = await Db.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            var rows = new List<string>();
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            rows.Sort(StringComparer.Ordinal);
            text.Append(table).Append('\n').AppendJoin('\n', rows).Append('\n');
        }
        return text.ToString();
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Code);
        return result.Value!;
    }

    public static void Refused(Result result, string code)
    {
        Assert.False(result.IsSuccess, $"expected {code}");
        Assert.Equal(code, result.Error!.Code);
    }
}

public sealed record Draft(int Id, int Version, int FirstSectionId, int SecondSectionId, int ArticleId, int VideoId, int QuizId);
