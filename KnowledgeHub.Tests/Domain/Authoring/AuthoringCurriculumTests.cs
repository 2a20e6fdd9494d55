using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Support;
using static KnowledgeHub.Tests.Domain.Authoring.AuthoringWorld;

namespace KnowledgeHub.Tests.Domain.Authoring;

public sealed class AuthoringCurriculumTests : IAsyncLifetime, IDisposable
{
    private readonly TestDb testDb = new();
    private AuthoringWorld world = default!;

    public async Task InitializeAsync() => world = await CreateAsync(testDb);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => testDb.Dispose();

    /// <summary>A draft with sections A, B, C; A has lessons a1..a4, B has b1, b2, C none.</summary>
    private async Task<(int Id, int Version, Dictionary<string, int> Ids)> BuildAsync()
    {
        var (id, version) = await world.CreateDraftAsync();
        var ids = new Dictionary<string, int>();
        foreach (var name in new[] { "A", "B", "C" })
        {
            var saved = Ok(await world.Authoring.AddSectionAsync(world.OwnerId, id, version, name));
            (version, ids[name]) = (saved.Version, saved.CreatedId!.Value);
        }
        foreach (var (section, lessons) in new[] { ("A", new[] { "a1", "a2", "a3", "a4" }), ("B", new[] { "b1", "b2" }) })
            foreach (var lesson in lessons)
            {
                var saved = Ok(await world.Authoring.AddLessonAsync(world.OwnerId, id, version, ids[section], lesson, LessonKind.Article));
                (version, ids[lesson]) = (saved.Version, saved.CreatedId!.Value);
            }
        return (id, version, ids);
    }

    /// <summary>The curriculum as stored: "A:a1,a2|B:b1" with orders checked to be 1..n.</summary>
    private async Task<string> OutlineAsync(int courseId)
    {
        var course = await world.LoadAsync(courseId);
        var sections = course.Sections.OrderBy(s => s.Order).ToList();
        Assert.Equal(Enumerable.Range(1, sections.Count), sections.Select(s => s.Order));
        foreach (var section in sections)
            Assert.Equal(Enumerable.Range(1, section.Lessons.Count), section.Lessons.OrderBy(l => l.Order).Select(l => l.Order));
        return string.Join('|', sections.Select(s => s.Title + ":" + string.Join(',', s.Lessons.OrderBy(l => l.Order).Select(l => l.Title))));
    }

    [Fact]
    public async Task AddSectionAndLessonAsync_Draft_AppendAtTheEndAndRaiseTheVersion()
    {
        var (id, version, _) = await BuildAsync();

        Assert.Equal("A:a1,a2,a3,a4|B:b1,b2|C:", await OutlineAsync(id));
        Assert.Equal(9, version);
        Assert.Equal(6, (await world.LoadAsync(id)).LessonCount);
    }

    [Fact]
    public async Task MoveSectionAsync_LastToFirst_RenumbersOneToN()
    {
        var (id, version, ids) = await BuildAsync();

        Ok(await world.Authoring.MoveSectionAsync(world.OwnerId, id, version, ids["C"], 1));

        Assert.Equal("C:|A:a1,a2,a3,a4|B:b1,b2", await OutlineAsync(id));
    }

    [Fact]
    public async Task MoveSectionAsync_PositionOutOfRange_IsRefused()
    {
        var (id, version, ids) = await BuildAsync();

        Refused(await world.Authoring.MoveSectionAsync(world.OwnerId, id, version, ids["A"], 4), "authoring.position_invalid");
        Refused(await world.Authoring.MoveSectionAsync(world.OwnerId, id, version, ids["A"], 0), "authoring.position_invalid");
        Assert.Equal("A:a1,a2,a3,a4|B:b1,b2|C:", await OutlineAsync(id));
    }

    [Theory]
    [InlineData("a1", 3, "A:a2,a3,a1,a4|B:b1,b2|C:")]
    [InlineData("a4", 1, "A:a4,a1,a2,a3|B:b1,b2|C:")]
    [InlineData("a2", 2, "A:a1,a2,a3,a4|B:b1,b2|C:")]
    [InlineData("a3", 4, "A:a1,a2,a4,a3|B:b1,b2|C:")]
    public async Task MoveLessonAsync_WithinASection_KeepsOrdersWithoutGaps(string lesson, int position, string expected)
    {
        var (id, version, ids) = await BuildAsync();

        Ok(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids[lesson], ids["A"], position));

        Assert.Equal(expected, await OutlineAsync(id));
    }

    [Theory]
    [InlineData("a2", "B", 1, "A:a1,a3,a4|B:a2,b1,b2|C:")]
    [InlineData("a2", "B", 3, "A:a1,a3,a4|B:b1,b2,a2|C:")]
    [InlineData("b2", "A", 2, "A:a1,b2,a2,a3,a4|B:b1|C:")]
    [InlineData("a1", "C", 1, "A:a2,a3,a4|B:b1,b2|C:a1")]
    public async Task MoveLessonAsync_AcrossSections_BothSectionsStayOneToN(string lesson, string target, int position, string expected)
    {
        var (id, version, ids) = await BuildAsync();

        Ok(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids[lesson], ids[target], position));

        Assert.Equal(expected, await OutlineAsync(id));
        var course = await world.LoadAsync(id);
        Assert.Equal(ids[target], course.FindLesson(ids[lesson])!.SectionId);
    }

    [Fact]
    public async Task MoveLessonAsync_ManyMovesInARow_KeepTheLessonsAndTheirIds()
    {
        var (id, version, ids) = await BuildAsync();

        version = Ok(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["a1"], ids["C"], 1)).Version;
        version = Ok(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["b1"], ids["C"], 1)).Version;
        version = Ok(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["a1"], ids["B"], 2)).Version;
        Ok(await world.Authoring.MoveSectionAsync(world.OwnerId, id, version, ids["A"], 3));

        Assert.Equal("B:b2,a1|C:b1|A:a2,a3,a4", await OutlineAsync(id));
        Assert.Equal(6, (await world.LoadAsync(id)).LessonCount);
    }

    [Fact]
    public async Task MoveLessonAsync_PositionPastTheEnd_IsRefused()
    {
        var (id, version, ids) = await BuildAsync();

        Refused(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["a1"], ids["A"], 5), "authoring.position_invalid");
        Refused(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["a1"], ids["B"], 4), "authoring.position_invalid");
        Assert.Equal("A:a1,a2,a3,a4|B:b1,b2|C:", await OutlineAsync(id));
    }

    [Fact]
    public async Task MoveLessonAsync_SectionOfAnotherCourse_IsItemNotFound()
    {
        var (id, version, ids) = await BuildAsync();
        var other = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.MoveLessonAsync(world.OwnerId, id, version, ids["a1"], other.FirstSectionId, 1), "authoring.item_not_found");
        Refused(await world.Authoring.RenameLessonAsync(world.OwnerId, id, version, other.ArticleId, "偷"), "authoring.item_not_found");
        Refused(await world.Authoring.DeleteSectionAsync(world.OwnerId, id, version, other.FirstSectionId), "authoring.item_not_found");
    }

    [Fact]
    public async Task DeleteLessonAsync_Middle_ClosesTheGap()
    {
        var (id, version, ids) = await BuildAsync();

        Ok(await world.Authoring.DeleteLessonAsync(world.OwnerId, id, version, ids["a2"]));

        Assert.Equal("A:a1,a3,a4|B:b1,b2|C:", await OutlineAsync(id));
        Assert.Equal(5, (await world.LoadAsync(id)).LessonCount);
    }

    [Fact]
    public async Task DeleteSectionAsync_WithLessons_RemovesThemRenumbersAndReleasesTheirMedia()
    {
        var (id, version, ids) = await BuildAsync();
        var video = Ok(await world.Authoring.AddLessonAsync(world.OwnerId, id, version, ids["B"], "视频", LessonKind.Video));
        var file = world.NewFile("video/mp4");
        var attached = Ok(await world.Authoring.AttachLessonFileAsync(world.OwnerId, id, video.Version, video.CreatedId!.Value, file));

        var deleted = Ok(await world.Authoring.DeleteSectionAsync(world.OwnerId, id, attached.Version, ids["B"]));

        Assert.Equal([file.Key], deleted.ReleasedFileKeys);
        Assert.Equal("A:a1,a2,a3,a4|C:", await OutlineAsync(id));
        Assert.Equal(4, (await world.LoadAsync(id)).LessonCount);
    }

    [Fact]
    public async Task RenameAsync_SectionAndLesson_TrimsAndSaves()
    {
        var (id, version, ids) = await BuildAsync();

        version = Ok(await world.Authoring.RenameSectionAsync(world.OwnerId, id, version, ids["A"], "  基础  ")).Version;
        Ok(await world.Authoring.RenameLessonAsync(world.OwnerId, id, version, ids["a1"], "第一课"));

        Assert.Equal("基础:第一课,a2,a3,a4|B:b1,b2|C:", await OutlineAsync(id));
    }

    [Fact]
    public async Task RenameAsync_BlankOrLongTitle_IsRefused()
    {
        var (id, version, ids) = await BuildAsync();

        Refused(await world.Authoring.RenameSectionAsync(world.OwnerId, id, version, ids["A"], " "), "authoring.name_required");
        Refused(await world.Authoring.RenameLessonAsync(world.OwnerId, id, version, ids["a1"], new string('长', 201)), "authoring.name_too_long");
        Refused(await world.Authoring.AddSectionAsync(world.OwnerId, id, version, new string('长', 10_000)), "authoring.name_too_long");
    }

    [Fact]
    public async Task DeleteLessonAsync_LastLessonOfAPublishedCourse_IsRefused()
    {
        var course = await world.CreatePublishedAsync();
        var version = Ok(await world.Authoring.DeleteLessonAsync(world.OwnerId, course.Id, course.Version, course.VideoId)).Version;
        version = Ok(await world.Authoring.DeleteSectionAsync(world.OwnerId, course.Id, version, course.SecondSectionId)).Version;

        Refused(await world.Authoring.DeleteLessonAsync(world.OwnerId, course.Id, version, course.ArticleId), "authoring.last_lesson");
        Refused(await world.Authoring.DeleteSectionAsync(world.OwnerId, course.Id, version, course.FirstSectionId), "authoring.last_lesson");

        Assert.Equal(1, (await world.LoadAsync(course.Id)).LessonCount);
    }

    [Fact]
    public async Task SaveLessonAsync_ArticleDetails_AreSavedAndTheTotalsFollow()
    {
        var (id, version, ids) = await BuildAsync();

        Ok(await world.Authoring.SaveLessonAsync(world.OwnerId, id, version, ids["a1"], new LessonDetails(" 导论 ", true, 600, "# 标题\n正文")));

        var course = await world.LoadAsync(id);
        var lesson = course.FindLesson(ids["a1"])!;
        Assert.Equal(("导论", true, 600, "# 标题\n正文"), (lesson.Title, lesson.IsPreview, lesson.DurationSeconds, lesson.Body));
        Assert.Equal(600, course.TotalDurationSeconds);
    }

    [Theory]
    [InlineData(-1, "", "authoring.duration_invalid")]
    [InlineData(86_401, "", "authoring.duration_invalid")]
    [InlineData(60, null, null)]
    public async Task SaveLessonAsync_BadDuration_IsRefused(int duration, string? body, string? code)
    {
        var (id, version, ids) = await BuildAsync();

        var result = await world.Authoring.SaveLessonAsync(world.OwnerId, id, version, ids["a1"], new LessonDetails("a1", false, duration, body));

        if (code is null) Ok(result);
        else Refused(result, code);
    }

    [Fact]
    public async Task SaveLessonAsync_BodyOnAVideoOrTooLong_IsRefused()
    {
        var draft = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.SaveLessonAsync(world.OwnerId, draft.Id, draft.Version, draft.VideoId, new LessonDetails("安装", false, 60, "正文")),
            "authoring.kind_mismatch");
        Refused(await world.Authoring.SaveLessonAsync(world.OwnerId, draft.Id, draft.Version, draft.ArticleId,
            new LessonDetails("文章", false, 60, new string('字', Lesson.BodyMaxLength + 1))), "authoring.markdown_too_long");
    }

    [Fact]
    public async Task SaveQuizAsync_ValidQuiz_StoresQuestionsOptionsAndPassMark()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var quiz = new QuizDraft(80, [new("1 + 1 = ?", false, [new("2", true), new("3", false), new("4", false)])]);

        Ok(await world.Authoring.SaveQuizAsync(world.OwnerId, draft.Id, draft.Version, draft.QuizId, quiz));

        var lesson = (await world.EditorAsync(draft.Id)).Sections.SelectMany(s => s.Lessons).Single(l => l.Id == draft.QuizId);
        Assert.Equal(80, lesson.Quiz!.PassMarkPercent);
        var question = Assert.Single(lesson.Quiz.Questions);
        Assert.Equal(("1 + 1 = ?", false), (question.Text, question.MultipleChoice));
        Assert.Equal([("2", true), ("3", false), ("4", false)], question.Options.Select(o => (o.Text, o.IsCorrect)));
        Assert.Equal(1, await world.Catalog.QueryAsync(db => Task.FromResult(db.QuizQuestions.Count())));
        Assert.Equal(3, await world.Catalog.QueryAsync(db => Task.FromResult(db.QuizOptions.Count())));
    }

    public static TheoryData<QuizDraft, string> BadQuizzes() => new()
    {
        { new QuizDraft(60, []), "authoring.quiz_no_questions" },
        { new QuizDraft(0, [new("问", false, [new("a", true), new("b", false)])]), "authoring.quiz_pass_mark" },
        { new QuizDraft(101, [new("问", false, [new("a", true), new("b", false)])]), "authoring.quiz_pass_mark" },
        { new QuizDraft(60, [new("问", false, [new("a", true), new("b", true)])]), "authoring.quiz_correct_count" },
        { new QuizDraft(60, [new("问", false, [new("a", false), new("b", false)])]), "authoring.quiz_correct_count" },
        { new QuizDraft(60, [new("问", true, [new("a", false), new("b", false)])]), "authoring.quiz_correct_count" },
        { new QuizDraft(60, [new("问", false, [new("a", true)])]), "authoring.quiz_option_count" },
        { new QuizDraft(60, [new("问", false, [new("a", true), new(" ", false)])]), "authoring.quiz_option_text" },
        { new QuizDraft(60, [new(" ", false, [new("a", true), new("b", false)])]), "authoring.quiz_question_text" },
        { new QuizDraft(60, Enumerable.Repeat(new QuizQuestionDraft("问", false, [new("a", true), new("b", false)]), 101).ToList()),
            "authoring.quiz_too_many_questions" },
    };

    [Theory]
    [MemberData(nameof(BadQuizzes))]
    public async Task SaveQuizAsync_BadQuiz_IsRefusedAndTheOldQuizStays(QuizDraft quiz, string code)
    {
        var draft = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.SaveQuizAsync(world.OwnerId, draft.Id, draft.Version, draft.QuizId, quiz), code);

        Assert.Equal(2, await world.Catalog.QueryAsync(db => Task.FromResult(db.QuizQuestions.Count())));
    }

    [Fact]
    public async Task SaveQuizAsync_VideoLesson_IsKindMismatch()
    {
        var draft = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.SaveQuizAsync(world.OwnerId, draft.Id, draft.Version, draft.VideoId, SimpleQuiz()), "authoring.kind_mismatch");
    }

    [Fact]
    public async Task AttachLessonFileAsync_Replacing_StoresTheNewFileAndReleasesTheOld()
    {
        var draft = await world.CreateCompleteDraftAsync();
        var old = (await world.LoadAsync(draft.Id)).FindLesson(draft.VideoId)!.Media!;
        var replacement = new StoredFile("lessons/new.mp4", "第二版.mp4", "video/mp4", 5_000_000);

        var saved = Ok(await world.Authoring.AttachLessonFileAsync(world.OwnerId, draft.Id, null, draft.VideoId, replacement));

        Assert.Equal([old.Key], saved.ReleasedFileKeys);
        Assert.Equal(replacement, (await world.LoadAsync(draft.Id)).FindLesson(draft.VideoId)!.Media);
        var editorLesson = (await world.EditorAsync(draft.Id)).Sections[0].Lessons.Single(l => l.Id == draft.VideoId);
        Assert.Equal(replacement, editorLesson.Media);
    }

    [Fact]
    public async Task AttachLessonFileAsync_ArticleOrEmptyFile_IsRefused()
    {
        var draft = await world.CreateCompleteDraftAsync();

        Refused(await world.Authoring.AttachLessonFileAsync(world.OwnerId, draft.Id, draft.Version, draft.ArticleId, world.NewFile()),
            "authoring.kind_mismatch");
        Refused(await world.Authoring.AttachLessonFileAsync(world.OwnerId, draft.Id, draft.Version, draft.VideoId,
            new StoredFile("k", "a.mp4", "video/mp4", 0)), "authoring.media_invalid");
    }

    [Fact]
    public async Task CheckLessonUploadAsync_Owner_TellsTheKindAndRefusesOthers()
    {
        var draft = await world.CreateCompleteDraftAsync();

        Assert.Equal(LessonKind.Video, Ok(await world.Authoring.CheckLessonUploadAsync(world.OwnerId, draft.Id, draft.VideoId)));
        Refused(await world.Authoring.CheckLessonUploadAsync(world.OwnerId, draft.Id, draft.ArticleId), "authoring.kind_mismatch");
        Refused(await world.Authoring.CheckLessonUploadAsync(world.OwnerId, draft.Id, 9999), "authoring.item_not_found");
        Refused(await world.Authoring.CheckLessonUploadAsync(world.OtherInstructorId, draft.Id, draft.VideoId), "authoring.not_found");
    }

    [Fact]
    public async Task SetCoverAsync_Replacing_ReleasesTheOldKey()
    {
        var (id, version) = await world.CreateDraftAsync();

        var first = Ok(await world.Authoring.SetCoverAsync(world.OwnerId, id, version, "covers/1.webp"));
        var second = Ok(await world.Authoring.SetCoverAsync(world.OwnerId, id, first.Version, "covers/2.webp"));
        var removed = Ok(await world.Authoring.SetCoverAsync(world.OwnerId, id, second.Version, null));

        Assert.Empty(first.ReleasedFileKeys);
        Assert.Equal(["covers/1.webp"], second.ReleasedFileKeys);
        Assert.Equal(["covers/2.webp"], removed.ReleasedFileKeys);
        Assert.Null((await world.LoadAsync(id)).CoverImageKey);
        Refused(await world.Authoring.SetCoverAsync(world.OwnerId, id, null, " "), "authoring.cover_invalid");
    }

    [Fact]
    public void MoveLesson_EntityAcrossSections_RenumbersWithoutADatabase()
    {
        var now = DateTime.UtcNow;
        var course = new Course("c-1", "课程", "", "", 1, 1, Money.Zero(), CourseLevel.Beginner, "zh-CN", now);
        var a = course.AddSection("A", now);
        var b = course.AddSection("B", now);
        var a1 = course.AddLesson(a, "a1", LessonKind.Article, now);
        var a2 = course.AddLesson(a, "a2", LessonKind.Article, now);
        var b1 = course.AddLesson(b, "b1", LessonKind.Article, now);

        course.MoveLesson(a1, b, 2, now);

        Assert.Equal([(a2, 1)], a.Lessons.Select(l => (l, l.Order)));
        Assert.Equal([(b1, 1), (a1, 2)], b.Lessons.Select(l => (l, l.Order)));
        Assert.Throws<DomainException>(() => course.MoveLesson(a2, b, 4, now));
        Assert.Throws<DomainException>(() => course.MoveSection(a, 3, now));
        Assert.Equal(5 + 1, course.Version);
    }
}
