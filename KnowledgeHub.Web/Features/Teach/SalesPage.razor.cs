using System.Globalization;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Authoring;
using KnowledgeHub.Web.Features.Shared;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Teach;

/// <summary>
/// The instructor's sales: a period (the last 7/30/90 days or a custom range, in China's days), KPIs, revenue and enrolments
/// per day, per course. The period and, for admins, the instructor live in the URL (?days=30 or ?from=…&amp;to=…, &amp;instructor=),
/// so every view can be linked and the preset buttons are plain links.
/// </summary>
public partial class SalesPage
{
    public static readonly int[] Presets = [7, 30, 90];
    private const int DefaultDays = 30;

    [Inject] private InstructorSalesQueries Sales { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    [SupplyParameterFromQuery] public int? Days { get; set; }
    [SupplyParameterFromQuery] public string? From { get; set; }
    [SupplyParameterFromQuery] public string? To { get; set; }
    [SupplyParameterFromQuery] public int? Instructor { get; set; }

    /// <summary>Loaded during prerender and carried into the circuit; reloaded when the URL asks for another view.</summary>
    [PersistentState] public SalesReport? Report { get; set; }
    /// <summary>Admins only: the instructors to pick from.</summary>
    [PersistentState] public IReadOnlyList<InstructorOption>? Instructors { get; set; }

    private int userId, instructorId;
    private bool isAdmin, loading;
    private DateOnly today, from, to;
    private int? preset;
    private string? error;
    private DateRange pickerRange = new();
    private List<ChartSeries<double>> revenueSeries = [], enrollmentSeries = [];
    private string[] labels = [];
    private LineChartOptions revenueOptions = new();
    private BarChartOptions enrollmentOptions = new();

    private string RangeText => $"{from.ToString("d", CultureInfo.CurrentCulture)} – {to.ToString("d", CultureInfo.CurrentCulture)}";

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        userId = user.GetUserId() ?? 0;
        isAdmin = user.IsInRole(Roles.Admin);
        today = ChinaTime.Today(Clock);
        if (isAdmin && Instructors is null) Instructors = (await Sales.GetInstructorsAsync(userId, CancellationToken.None)).Value ?? [];
    }

    protected override async Task OnParametersSetAsync()
    {
        (from, to, preset) = ResolveRange();
        instructorId = ResolveInstructor();
        pickerRange = new DateRange(from.ToDateTime(TimeOnly.MinValue), to.ToDateTime(TimeOnly.MinValue));
        if (Report is not { } shown || shown.InstructorId != instructorId || shown.From != from || shown.To != to)
        {
            loading = true;
            var result = await Sales.GetAsync(userId, instructorId, from, to, ChinaTime.Zone, CancellationToken.None);
            loading = false;
            error = result.IsSuccess ? null : L[result.Error!.Message].Value;
            Report = result.Value;
        }
        BuildCharts();
    }

    /// <summary>A custom range from the URL when both ends parse (the service checks their order and length), else a preset.</summary>
    private (DateOnly From, DateOnly To, int? Preset) ResolveRange()
    {
        if (ParseDate(From) is { } customFrom && ParseDate(To) is { } customTo) return (customFrom, customTo, null);
        var days = Days is { } asked && Presets.Contains(asked) ? asked : DefaultDays;
        return (today.AddDays(1 - days), today, days);
    }

    /// <summary>Instructors see their own figures; admins whom the URL names, else themselves if they teach, else the first instructor.</summary>
    private int ResolveInstructor()
    {
        if (!isAdmin) return userId;
        if (Instructor is { } asked) return asked;
        var options = Instructors ?? [];
        return options.Any(o => o.Id == userId) ? userId : options.FirstOrDefault()?.Id ?? userId;
    }

    private void BuildCharts()
    {
        var days = Report?.Days ?? [];
        var step = Math.Max(1, (int)Math.Ceiling(days.Count / 10.0));
        labels = days.Select((d, i) => i % step == 0 ? d.Date.ToString("M/d", CultureInfo.InvariantCulture) : "").ToArray();
        revenueSeries = [new ChartSeries<double> { Name = L["SalesRevenue"], Data = new ChartData<double>(days.Select(d => (double)d.Revenue.Major).ToArray()) }];
        enrollmentSeries = [new ChartSeries<double> { Name = L["SalesEnrollments"], Data = new ChartData<double>(days.Select(d => (double)d.Enrollments).ToArray()) }];
        revenueOptions = new LineChartOptions { YAxisTicks = TickStep((double)days.Select(d => d.Revenue.Major).DefaultIfEmpty().Max()), YAxisFormat = "N0", MaxNumYAxisTicks = 8 };
        enrollmentOptions = new BarChartOptions { YAxisTicks = TickStep(days.Select(d => (double)d.Enrollments).DefaultIfEmpty().Max()), YAxisFormat = "N0", MaxNumYAxisTicks = 8 };
    }

    /// <summary>A round step (1, 2 or 5 × 10ⁿ) that splits 0…<paramref name="max"/> into about five bands.</summary>
    private static int TickStep(double max)
    {
        if (max <= 5) return 1;
        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10;
        return (int)(step * magnitude);
    }

    private Task OnCustomRangeAsync(DateRange? range)
    {
        if (range?.Start is { } start && range.End is { } end)
            Nav.NavigateTo(Url(null, DateOnly.FromDateTime(start), DateOnly.FromDateTime(end), instructorId));
        return Task.CompletedTask;
    }

    private void OnInstructorChanged(int id) => Nav.NavigateTo(preset is { } days ? Url(days, null, null, id) : Url(null, from, to, id));

    /// <summary>This page's URL for a preset (<paramref name="days"/>) or a custom range, keeping an admin's choice of instructor.</summary>
    private string Url(int? days, DateOnly? customFrom, DateOnly? customTo, int instructor)
    {
        var query = days is { } d ? $"days={d}"
            : $"from={customFrom!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={customTo!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        if (isAdmin) query += $"&instructor={instructor}";
        return $"/teach/sales?{query}";
    }

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static string N(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
