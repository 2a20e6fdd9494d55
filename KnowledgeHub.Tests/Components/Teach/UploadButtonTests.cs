using Bunit;
using KnowledgeHub.Domain.Storage;
using KnowledgeHub.Tests.Support;
using KnowledgeHub.Web.Features.Teach;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Tests.Components.Teach;

/// <summary>The upload button's states as the browser script reports progress and the outcome.</summary>
public sealed class UploadButtonTests : MudBunitContext
{
    private StoredFile? uploaded;
    private int duration;

    private readonly TempFolder files = new();

    public UploadButtonTests()
    {
        UseCulture("en-US");
        Services.AddSingleton(new UploadService(new LocalDiskFileStore(files.Path),
            Options.Create(new UploadLimits { VideoMaxBytes = 2L << 30 }), NullLogger<UploadService>.Instance));
        Services.AddSingleton(tickets);
        SignIn(7, "Instructor");
    }

    private readonly UploadTickets tickets = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), TimeProvider.System);
    private static readonly StoredFile Intro = new("0123456789abcdef0123456789abcdef.mp4", "intro.mp4", "video/mp4", 2_000_000);

    private static string Answer(StoredFile file, string ticket) => System.Text.Json.JsonSerializer.Serialize(
        new { key = file.Key, fileName = file.FileName, contentType = file.ContentType, length = file.Length, ticket });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        files.Dispose();
    }

    private IRenderedComponent<UploadButton> RenderButton() => Render<UploadButton>(p => p
        .Add(c => c.Kind, "video")
        .Add(c => c.Label, "Choose file")
        .Add(c => c.OnUploaded, f => uploaded = f)
        .Add(c => c.OnDuration, d => duration = d));

    private async Task StartAsync(IRenderedComponent<UploadButton> cut, string name = "intro.mp4", long size = 2_000_000)
    {
        JSInterop.Setup<UploadButton.StartedUpload?>("kh.upload.start", _ => true).SetResult(new UploadButton.StartedUpload("x", name, size));
        await cut.Find("input[type=file]").ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs());
    }

    [Fact]
    public async Task Progress_HalfSent_ShowsTheBarAndSizesAndACancelButton()
    {
        var cut = RenderButton();
        await StartAsync(cut);

        await cut.InvokeAsync(() => cut.Instance.OnProgress(1_048_576, 2_097_152));

        Assert.Equal("50", cut.Find("[data-testid=upload-progress]").GetAttribute("aria-valuenow"));
        Assert.Contains("Uploading intro.mp4: 1.0 MB of 2.0 MB", cut.Markup);
        Assert.Contains("Cancel", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=upload-pick]"));
    }

    [Fact]
    public async Task Finished_Ok_ReportsTheStoredFileAndTheVideoLength()
    {
        var cut = RenderButton();
        await StartAsync(cut);

        await cut.InvokeAsync(() => cut.Instance.OnFinished(200, Answer(Intro, tickets.Issue(Intro, userId: 7)), 95));

        Assert.Equal(Intro, uploaded);
        Assert.Equal(95, duration);
        Assert.Equal("Uploaded intro.mp4.", cut.Find("[data-testid=upload-message]").TextContent.Trim());
        Assert.NotEmpty(cut.FindAll("[data-testid=upload-pick]"));    // ready for the next file
    }

    [Fact]
    public async Task Finished_KeyWithoutATicketOfThisUser_IsNotTakenForAnUpload()
    {
        var cut = RenderButton();
        var someoneElses = new StoredFile("fedcba9876543210fedcba9876543210.mp4", "paid.mp4", "video/mp4", 9_000_000);

        await StartAsync(cut);
        await cut.InvokeAsync(() => cut.Instance.OnFinished(200, Answer(someoneElses, tickets.Issue(someoneElses, userId: 8)), 0));
        await StartAsync(cut);
        await cut.InvokeAsync(() => cut.Instance.OnFinished(200, Answer(someoneElses, "forged"), 0));

        Assert.Null(uploaded);
        Assert.Equal("The file could not be stored. Try again in a moment.", cut.Find("[data-testid=upload-message]").TextContent.Trim());
    }

    [Theory]
    [InlineData(413, """{"error":"upload.too-large","message":"This file is larger than 2 GB."}""", "This file is larger than 2 GB.")]
    [InlineData(-1, "", "Upload cancelled; nothing was saved.")]
    [InlineData(-2, "", "The file is too large: the limit is 2.0 GB.")]
    [InlineData(0, "", "The connection broke off; nothing was saved. Try again.")]
    public async Task Finished_Refused_ShowsWhyAndReportsNothing(int status, string body, string message)
    {
        var cut = RenderButton();
        await StartAsync(cut);

        await cut.InvokeAsync(() => cut.Instance.OnFinished(status, body, 0));

        Assert.Null(uploaded);
        var shown = cut.Find("[data-testid=upload-message]");
        Assert.Equal(message, shown.TextContent.Trim());
        Assert.Equal("alert", shown.GetAttribute("role"));
    }
}
