using System.Globalization;
using KnowledgeHub.Domain.Common;
using KnowledgeHub.Domain.Reviews;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Reviews;

/// <summary>
/// Placed as an interactive island on the course page: takes only the course id and reads the user from the cascading
/// authentication state. What the viewer may do comes from <see cref="ReviewQueries"/>; the services check it again.
/// </summary>
public partial class ReviewSection
{
    [Parameter, EditorRequired] public required int CourseId { get; set; }
    /// <summary>
    /// True when placed as an interactive island on a static page: it then hosts MudBlazor's providers for its dialogs
    /// and snackbars. Only one component per page may (the providers register once per circuit).
    /// </summary>
    [Parameter] public bool IsIsland { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? Auth { get; set; }

    [Inject] private ReviewQueries Queries { get; set; } = default!;
    [Inject] private ReviewService Reviews { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;

    /// <summary>What the section shows, carried from prerender into the circuit.</summary>
    [PersistentState] public ReviewSectionState? State { get; set; }

    public sealed record ReviewSectionState(int CourseId, ReviewSummary Summary, List<ReviewItem> Items, bool HasMore, ReviewViewer Viewer);

    private readonly HashSet<int> busy = [];
    private int? userId;
    private int? replyingTo;
    private string? replyText;
    private bool loadingMore;

    private string LoginHref => "/Identity/Account/Login?returnUrl=" + Uri.EscapeDataString("/" + Nav.ToBaseRelativePath(Nav.Uri));

    protected override async Task OnParametersSetAsync()
    {
        userId = Auth is null ? null : (await Auth).User.GetUserId();
        if (State is not null && State.CourseId == CourseId && State.Viewer.UserId == userId) return;
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        var summary = await Queries.GetSummaryAsync(CourseId);
        var page = await Queries.GetPageAsync(CourseId, userId, 0, ReviewQueries.DefaultPageSize);
        var viewer = await Queries.GetViewerAsync(CourseId, userId);
        State = new ReviewSectionState(CourseId, summary, page.Items.ToList(), page.HasMore, viewer);
    }

    private async Task ShowMoreAsync()
    {
        if (State is null) return;
        loadingMore = true;
        try
        {
            var page = await Queries.GetPageAsync(CourseId, userId, State.Items.Count, ReviewQueries.DefaultPageSize);
            var known = State.Items.Select(i => i.Id).ToHashSet();
            State = State with { Items = [.. State.Items, .. page.Items.Where(i => !known.Contains(i.Id))], HasMore = page.HasMore };
        }
        finally
        {
            loadingMore = false;
        }
    }

    private async Task SubmitAsync((int Rating, string Text) review)
    {
        if (userId is not { } id) return;
        var result = await Reviews.SubmitAsync(id, CourseId, review.Rating, review.Text);
        if (!Report(result)) return;
        Snackbar.Add(result.Value!.Created ? L["ReviewsSaved"] : L["ReviewsUpdated"], Severity.Success);
        await ReloadAsync();
    }

    private void StartReply(int reviewId)
    {
        replyingTo = reviewId;
        replyText = "";
    }

    private void CancelReply()
    {
        replyingTo = null;
        replyText = null;
    }

    private async Task ReplyAsync(ReviewItem item)
    {
        if (userId is not { } id) return;
        if (await RunAsync(item, () => Reviews.ReplyAsync(id, item.Id, replyText), L["ReviewsReplyPosted"])) CancelReply();
    }

    private async Task ReportAsync(ReviewItem item)
    {
        if (userId is not { } id) return;
        var confirmed = await Dialogs.ShowMessageBoxAsync(L["ReviewsReportConfirmTitle"], L["ReviewsReportConfirmBody"].Value,
            yesText: L["ReviewsReport"], cancelText: L["ReviewsCancel"]);
        if (confirmed != true) return;
        await RunAsync(item, () => Reviews.ReportAsync(id, item.Id), L["ReviewsReportDone"]);
    }

    private async Task SetHiddenAsync(ReviewItem item, bool hide)
    {
        if (userId is not { } id) return;
        await RunAsync(item, () => hide ? Reviews.HideAsync(id, item.Id) : Reviews.UnhideAsync(id, item.Id),
            hide ? L["ReviewsHiddenDone"] : L["ReviewsUnhiddenDone"]);
    }

    /// <summary>Runs one action on a review (its buttons disabled meanwhile), tells the user, and reloads what changed.</summary>
    private async Task<bool> RunAsync(ReviewItem item, Func<Task<Result>> action, string success)
    {
        if (!busy.Add(item.Id)) return false;
        try
        {
            var result = await action();
            var ok = Report(result);
            if (ok) Snackbar.Add(success, Severity.Success);
            await ReloadKeepingPagesAsync();
            return ok;
        }
        finally
        {
            busy.Remove(item.Id);
        }
    }

    /// <summary>Reloads the summary, the viewer and as many reviews as are on screen.</summary>
    private async Task ReloadKeepingPagesAsync()
    {
        var shown = Math.Max(ReviewQueries.DefaultPageSize, State?.Items.Count ?? 0);
        var summary = await Queries.GetSummaryAsync(CourseId);
        var page = await Queries.GetPageAsync(CourseId, userId, 0, Math.Min(shown, 100));
        var viewer = await Queries.GetViewerAsync(CourseId, userId);
        State = new ReviewSectionState(CourseId, summary, page.Items.ToList(), page.HasMore, viewer);
    }

    /// <summary>Shows a failure's localized message; true when the result succeeded.</summary>
    private bool Report(Result result)
    {
        if (result.IsSuccess) return true;
        Snackbar.Add(L[result.Error!.Message], Severity.Warning);
        return false;
    }

    private bool Busy(ReviewItem item) => busy.Contains(item.Id);

    private string Name(ReviewItem item) => string.IsNullOrWhiteSpace(item.ReviewerName) ? L["ReviewsAnonymousName"] : item.ReviewerName;

    private static string Initial(string name) => name.Trim() is { Length: > 0 } n ? n[..1].ToUpperInvariant() : "?";

    private static string Date(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToLocalTime().ToString("d", CultureInfo.CurrentCulture);

    private static string AverageText(ReviewSummary summary) => summary.Average.ToString("0.0", CultureInfo.CurrentCulture);
}
