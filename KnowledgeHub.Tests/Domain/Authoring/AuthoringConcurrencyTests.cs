using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Tests.Domain.Reviews;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

/// <summary>Many tabs at once (a SQLite file, one connection per context as in production), and the migration's effect on the search triggers.</summary>
public sealed class AuthoringConcurrencyTests
{
    [Fact]
    public async Task SaveBasicsAsync_ManyTabsWithTheSameVersionAtOnce_ExactlyOneWins()
    {
        using var store = new FileTestDb();
        var world = await CreateAsync(store);
        var (id, version) = await world.CreateDraftAsync();

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            world.Authoring.SaveBasicsAsync(world.OwnerId, id, version, CompleteBasics($"tab-{i}", world.CategoryId) with { Title = $"第{i}个标签页" }))));

        var winner = Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => !r.IsSuccess), r => Assert.Equal("authoring.conflict", r.Error!.Code));
        var course = await world.LoadAsync(id);
        Assert.Equal(version + 1, course.Version);
        Assert.Equal(winner.Value!.Version, course.Version);
    }

    [Fact]
    public async Task AddLessonAsync_ManyAtOnceWithFreshVersions_KeepsOrdersOneToN()
    {
        using var store = new FileTestDb();
        var world = await CreateAsync(store);
        var (id, version) = await world.CreateDraftAsync();
        var section = Ok(await world.Authoring.AddSectionAsync(world.OwnerId, id, version, "第一章"));

        // Each caller retries with the version it reads until it gets in: every lesson lands once, in some order, numbered 1..n.
        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await world.EditorAsync(id)).Version;
                var result = await world.Authoring.AddLessonAsync(world.OwnerId, id, current, section.CreatedId!.Value, $"课{i}", LessonKind.Article);
                if (result.IsSuccess) return;
                Assert.Equal("authoring.conflict", result.Error!.Code);
            }
        })));

        var lessons = (await world.LoadAsync(id)).Sections.Single().Lessons.OrderBy(l => l.Order).ToList();
        Assert.Equal(Enumerable.Range(1, 6), lessons.Select(l => l.Order));
        Assert.Equal(6, lessons.Select(l => l.Title).Distinct().Count());
    }

    [Fact]
    public async Task AuthoringMigration_UpAndDown_KeepsTheSearchTriggersOnCourses()
    {
        using var store = new FileTestDb();
        await using var db = store.CreateDbContext();
        Assert.Equal(8, await CountTriggersAsync(db));

        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("CourseSearchIndex");
        Assert.Equal(8, await CountTriggersAsync(db));
        Assert.DoesNotContain("Version", await CourseColumnsAsync(db));
        await migrator.MigrateAsync();
        Assert.Equal(8, await CountTriggersAsync(db));
        Assert.Contains("Version", await CourseColumnsAsync(db));
        Assert.Equal(4, await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX_Courses_Search_%'").SingleAsync());

        // The triggers still work: a new course is found by the index.
        var world = await CreateAsync(store);
        var created = Ok(await world.Authoring.CreateCourseAsync(world.OwnerId, "Kubernetes Operators", world.CategoryId));
        await using var check = store.CreateDbContext();
        Assert.Equal(1, await check.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS Value FROM CourseSearch WHERE rowid = {0} AND CourseSearch MATCH 'Operators'", created.CourseId).SingleAsync());
    }

    private static Task<int> CountTriggersAsync(KnowledgeHubDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'CourseSearch_%'").SingleAsync();

    private static async Task<List<string>> CourseColumnsAsync(KnowledgeHubDbContext db) =>
        await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('Courses')").ToListAsync();
}
