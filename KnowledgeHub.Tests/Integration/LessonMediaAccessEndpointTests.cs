using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Domain.Data.DemoSeed;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Domain.Storage;
using KnowledgeHub.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KnowledgeHub.Tests.Integration;

/// <summary>
/// Upload, attach through the authoring service, then read through the media endpoints with the real access rules:
/// a preview lesson of a published course for everyone (with range requests), other lessons for the instructor,
/// a cover for everyone once the course uses it.
/// </summary>
public sealed class LessonMediaAccessEndpointTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly KnowledgeHubFactory factory;

    public LessonMediaAccessEndpointTests() => factory = new KnowledgeHubFactory(folder.Path);

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task UploadedVideo_AttachedToLessons_PreviewPlaysForEveryoneWithRangesOtherLessonsOnlyForTheInstructor()
    {
        var teacher = factory.CreateBrowserClient("en-US");
        await teacher.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var content = MediaSamples.Mp4(250_000);
        var upload = await teacher.SendAsync(await MediaEndpointsTests.UploadRequestAsync(teacher, "video", content, "intro.mp4"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var video = (await upload.Content.ReadFromJsonAsync<StoredFile>())!;

        var (teacherId, courseId, preview, locked) = await TeachersPublishedVideoLessonsAsync();
        var authoring = factory.Services.GetRequiredService<CourseAuthoringService>();
        Assert.True((await authoring.AttachLessonFileAsync(teacherId, courseId, null, preview, video)).IsSuccess);
        Assert.True((await authoring.AttachLessonFileAsync(teacherId, courseId, null, locked, video)).IsSuccess);

        var anonymous = factory.CreateBrowserClient();
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/media/lessons/{preview}") { Headers = { Range = new RangeHeaderValue(100_000, 100_099) } };
        var partial = await anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[100_000..100_100], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal($"bytes 100000-100099/{content.Length}", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal("video/mp4", partial.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/media/lessons/{locked}")).StatusCode);
        var learner = factory.CreateBrowserClient("en-US");
        await learner.LogInAsync(DemoAccounts.LearnerEmail, DemoAccounts.LearnerPassword);
        if (!await IsEnrolledAsync(DemoAccounts.LearnerEmail, courseId))
            Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync($"/media/lessons/{locked}")).StatusCode);
        var own = await teacher.GetAsync($"/media/lessons/{locked}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(content, await own.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UploadedCover_SetOnACourse_PublicAndCachedForAYear()
    {
        var teacher = factory.CreateBrowserClient("en-US");
        await teacher.LogInAsync(DemoAccounts.InstructorEmail, DemoAccounts.InstructorPassword);
        var upload = await teacher.SendAsync(await MediaEndpointsTests.UploadRequestAsync(teacher, "image", MediaSamples.Jpeg(1600, 900), "cover.jpg"));
        var cover = (await upload.Content.ReadFromJsonAsync<StoredFile>())!;
        var anonymous = factory.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/media/covers/{cover.Key}")).StatusCode);

        var (teacherId, courseId, _, _) = await TeachersPublishedVideoLessonsAsync();
        Assert.True((await factory.Services.GetRequiredService<CourseAuthoringService>().SetCoverAsync(teacherId, courseId, null, cover.Key)).IsSuccess);

        foreach (var size in CoverImages.Sizes)
        {
            var response = await anonymous.GetAsync($"/media/covers/{CoverImages.KeyFor(cover.Key, size)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalDays: >= 365 }, response.Headers.CacheControl?.ToString());
        }
    }

    private async Task<(int TeacherId, int CourseId, int PreviewLesson, int LockedLesson)> TeachersPublishedVideoLessonsAsync()
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        var teacherId = await db.Users.Where(u => u.Email == DemoAccounts.InstructorEmail).Select(u => u.Id).SingleAsync();
        var lessons = await (from l in db.Lessons
                             join s in db.Sections on l.SectionId equals s.Id
                             join c in db.Courses on s.CourseId equals c.Id
                             where c.InstructorId == teacherId && c.Status == CourseStatus.Published && l.Kind == LessonKind.Video
                             select new { CourseId = c.Id, LessonId = l.Id, l.IsPreview }).ToListAsync();
        var course = lessons.GroupBy(l => l.CourseId).First(g => g.Any(l => l.IsPreview) && g.Any(l => !l.IsPreview));
        return (teacherId, course.Key, course.First(l => l.IsPreview).LessonId, course.First(l => !l.IsPreview).LessonId);
    }

    private async Task<bool> IsEnrolledAsync(string email, int courseId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<KnowledgeHubDbContext>>().CreateDbContextAsync();
        return await db.Enrollments.AnyAsync(e => e.CourseId == courseId && db.Users.Any(u => u.Id == e.LearnerId && u.Email == email));
    }
}
