using System.Text.Encodings.Web;
using System.Text.Unicode;
using KnowledgeHub.Domain.Accounts;
using KnowledgeHub.Domain.Catalog;
using KnowledgeHub.Domain.Data;
using KnowledgeHub.Web.Features.Accounts;
using KnowledgeHub.Web.Features.Shared;
using KnowledgeHub.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.UI.Services;
using MudBlazor.Services;

namespace KnowledgeHub.Web;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddKnowledgeHubWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Server-rendered HTML carries CJK text as is, not as &#x...; escapes.
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddRazorPages();
        services.AddMudServices();
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        services.AddKnowledgeHubIdentity();
        services.AddAuthorizationBuilder().AddKnowledgeHubPolicies();

        services.AddDataProtection()
            .SetApplicationName("KnowledgeHub")
            .PersistKeysToFileSystem(new DirectoryInfo(services.BuildDataPaths().Keys));

        services.AddSingleton<IEmailSender, FileEmailSender>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<Features.Admin.UserLookup>();
        // Malformed request bodies answer 400 in every environment (Development would otherwise throw and show a 500).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOutputCache(PublicPageCache.Configure);
        services.AddSingleton<UploadTickets>();
        PublicPageAntiforgery.Decorate(services);
        services.AddSingleton<PublicPageCache>();
        services.AddSingleton<ICatalogChangeListener>(sp => sp.GetRequiredService<PublicPageCache>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        Endpoints.MediaEndpoints.AddMediaEndpoints(services);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A short plain answer: without a body, status code pages would re-execute a rejected POST into the HTML error page
            // (a Blazor page, which refuses the POST with a 400 and hides the 429).
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many requests. Please wait a moment and try again. 请求过于频繁，请稍后再试。", ct);
            };
            // Type-ahead fires on keystrokes: 60 requests per 10 s per client address is plenty for a person.
            o.AddPolicy(Endpoints.DiscoveryEndpoints.SuggestRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 60, Window = TimeSpan.FromSeconds(10) }));
            // One beacon per page view: 30 per 10 s per client address covers fast browsing, not flooding.
            o.AddPolicy(Endpoints.EventEndpoints.RateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromSeconds(10) }));
            // Checkout posts and cashier buttons: per signed-in user (else per address); a person never needs more.
            var limits = configuration.GetSection("KnowledgeHub:RateLimits");
            var checkoutPerMinute = limits.GetValue("CheckoutPerMinute", 20);
            o.AddPolicy(Endpoints.PaymentEndpoints.CheckoutRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.IsAuthenticated == true ? "u:" + http.User.Identity.Name : "a:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = checkoutPerMinute, Window = TimeSpan.FromMinutes(1) }));
            // Provider notifications: per provider and address. Real gateways send a few per order; a flood is refused with 429
            // (they retry later, so nothing is lost).
            var webhooksPerSecond = limits.GetValue("WebhooksPerSecond", 200);
            o.AddPolicy(Endpoints.PaymentEndpoints.WebhookRateLimit, http => System.Threading.RateLimiting.RateLimitPartition.GetTokenBucketLimiter(
                (http.Request.RouteValues["provider"] as string ?? "") + "|" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
                {
                    TokenLimit = webhooksPerSecond * 2, TokensPerPeriod = webhooksPerSecond, ReplenishmentPeriod = TimeSpan.FromSeconds(1), AutoReplenishment = true,
                }));
        });
        return services;
    }

    private static DataPaths BuildDataPaths(this IServiceCollection services) =>
        (DataPaths)services.Single(d => d.ServiceType == typeof(DataPaths)).ImplementationInstance!;

    private static void AddKnowledgeHubIdentity(this IServiceCollection services)
    {
        services.AddDefaultIdentity<ApplicationUser>(IdentityPolicy.Configure)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<KnowledgeHubDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<KnowledgeHubClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "kh.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;
            o.LoginPath = "/Identity/Account/Login";
            o.LogoutPath = "/Identity/Account/Logout";
            // A signed-in user without the role gets a real 403 (rendered by the status code page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    private static AuthorizationBuilder AddKnowledgeHubPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in Policies.RolesByPolicy)
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }
}
