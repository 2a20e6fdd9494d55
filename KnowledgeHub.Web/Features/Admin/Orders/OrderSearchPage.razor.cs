using System.Globalization;
using KnowledgeHub.Domain.Orders;
using KnowledgeHub.Web.Features.Shared;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace KnowledgeHub.Web.Features.Admin.Orders;

/// <summary>The loaded page of orders and the filter key (the query string) it answers.</summary>
public sealed record OrderSearchResult(string Key, OrderPage Page);

/// <summary>
/// Admins: every order, searched by number, buyer, course, status and the days it was placed (China's days), newest first,
/// a page at a time from the database. The filters and the page live in the URL (?number=…&amp;buyer=…&amp;course=…&amp;status=Paid
/// &amp;from=2026-11-01&amp;to=2026-11-30&amp;page=2), so a search can be bookmarked and the back button works.
/// </summary>
public partial class OrderSearchPage
{
    public const int PageSize = 25;
    private const string AllStatuses = "";

    [Inject] private OrderQueries Orders { get; set; } = default!;
    [Inject] private NavigationManager Nav { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "number")] public string? NumberQuery { get; set; }
    [SupplyParameterFromQuery(Name = "buyer")] public string? BuyerQuery { get; set; }
    [SupplyParameterFromQuery(Name = "course")] public string? CourseQuery { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? FromQuery { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? ToQuery { get; set; }
    [SupplyParameterFromQuery(Name = "page")] public int? PageQuery { get; set; }

    /// <summary>Loaded during prerender and carried into the circuit; reloaded when the URL asks for another search.</summary>
    [PersistentState] public OrderSearchResult? Result { get; set; }

    private int adminId;
    private bool denied, loading;
    private string? number, buyer, course, loadingKey;
    private string status = AllStatuses;
    private DateRange? range;
    private Filters applied = new(null, null, null, null, null, null, 1);

    private bool HasFilters => applied with { Page = 1 } != new Filters(null, null, null, null, null, null, 1);
    private int PageCount => Result is { } r ? (int)Math.Ceiling(r.Page.Total / (double)r.Page.PageSize) : 0;

    /// <summary>One search: what the URL says, cleaned (blank text is no filter, unknown statuses and bad dates are ignored).</summary>
    private sealed record Filters(string? Number, string? Buyer, string? Course, OrderStatus? Status, DateOnly? From, DateOnly? To, int Page)
    {
        public string Query()
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
            Add("number", Number);
            Add("buyer", Buyer);
            Add("course", Course);
            Add("status", Status?.ToString());
            Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (Page > 1) Add("page", Page.ToString(CultureInfo.InvariantCulture));
            return string.Join('&', parts);
        }

        /// <summary>China's days as UTC instants: from midnight of the first day to midnight after the last (exclusive).</summary>
        public OrderSearch ToSearch() => new(Number, Buyer, Course, Status,
            From is { } f ? ChinaMidnightUtc(f) : null, To is { } t ? ChinaMidnightUtc(t.AddDays(1)) : null, Page, PageSize);

        private static DateTime ChinaMidnightUtc(DateOnly day) =>
            TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), ChinaTime.Zone);
    }

    protected override async Task OnInitializedAsync() => adminId = (await Auth).User.GetUserId() ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        var fromUrl = FromUrl();
        ShowInForm(fromUrl);
        await LoadAsync(fromUrl);
    }

    private Filters FromUrl()
    {
        var from = ParseDate(FromQuery);
        var to = ParseDate(ToQuery);
        if (from is { } f && to is { } t && t < f) (from, to) = (to, from);
        return new Filters(Clean(NumberQuery), Clean(BuyerQuery), Clean(CourseQuery),
            Enum.TryParse<OrderStatus>(StatusQuery, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
            from, to, Math.Max(1, PageQuery ?? 1));
    }

    private void ShowInForm(Filters filters)
    {
        number = filters.Number;
        buyer = filters.Buyer;
        course = filters.Course;
        status = filters.Status?.ToString() ?? AllStatuses;
        range = filters.From is null && filters.To is null ? null
            : new DateRange(filters.From?.ToDateTime(TimeOnly.MinValue), filters.To?.ToDateTime(TimeOnly.MinValue));
    }

    /// <summary>Queries unless the page already shows this search (the prerendered result, or a repeated navigation).</summary>
    private async Task LoadAsync(Filters filters)
    {
        applied = filters;
        var key = filters.Query();
        if (Result?.Key == key || loadingKey == key) return;
        loading = true;
        loadingKey = key;
        var page = await Orders.SearchAsync(adminId, filters.ToSearch(), CancellationToken.None);
        loadingKey = null;
        loading = false;
        if (applied.Query() != key) return;   // a newer search started meanwhile: its answer is the one to show
        denied = page is null;
        Result = page is null ? null : new OrderSearchResult(key, page);
    }

    /// <summary>The form's filters become the URL (page 1); the page shows them at once, whether or not the router re-renders.</summary>
    private async Task SearchAsync()
    {
        var from = range?.Start is { } start ? DateOnly.FromDateTime(start) : (DateOnly?)null;
        var to = range?.End is { } end ? DateOnly.FromDateTime(end) : (DateOnly?)null;
        var filters = new Filters(Clean(number), Clean(buyer), Clean(course),
            Enum.TryParse<OrderStatus>(status, out var s) ? s : null, from, to, 1);
        await GoAsync(filters);
    }

    private Task GoToPage(int page) => GoAsync(applied with { Page = page });

    private async Task GoAsync(Filters filters)
    {
        var query = filters.Query();
        Nav.NavigateTo(query.Length == 0 ? "/admin/orders" : "/admin/orders?" + query);
        await LoadAsync(filters);
    }

    private string StatusText(string? value) =>
        Enum.TryParse<OrderStatus>(value, out var s) ? OrderDisplay.Status(L, s) : L["OrdersAllStatuses"];

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
