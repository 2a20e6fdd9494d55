using System.Globalization;
using KnowledgeHub.Domain.Catalog;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace KnowledgeHub.Web.Infrastructure;

/// <summary>
/// The output cache of public pages (home, catalogue, categories, courses, preview lessons, instructors) for anonymous
/// visitors: pages carry <c>[OutputCache(PolicyName = PublicPageCache.Policy)]</c>. A cached page is one rendering per URL
/// (path and query), UI language and theme, kept for <see cref="Lifetime"/> and dropped at once when a save changes
/// catalogue data (<see cref="ICatalogChangeListener"/>). The framework's default rules still apply: only GET/HEAD, only
/// 200 responses without Set-Cookie, never for signed-in users. This is why those pages never set a cookie or record an
/// event while rendering (events come through the beacon, see <see cref="Endpoints.EventEndpoints"/>).
/// </summary>
public sealed class PublicPageCache(IOutputCacheStore store) : ICatalogChangeListener
{
    public const string Policy = "public-page";
    public const string Tag = "catalog";
    /// <summary>How stale counters (enrolments, popularity) on a cached page may get; content changes evict at once.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Part of every cache key, raised on each catalogue change: a page whose rendering began before the change (and read
    /// the old data) is stored under the old generation, which no later request asks for, so it cannot refill the cache
    /// after the eviction.
    /// </summary>
    private long generation;

    private string Generation => Interlocked.Read(ref generation).ToString(CultureInfo.InvariantCulture);

    public Task CatalogChangedAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref generation);
        return store.EvictByTagAsync(Tag, ct).AsTask();
    }

    public static void Configure(OutputCacheOptions options)
    {
        options.SizeLimit = 64L * 1024 * 1024;
        options.AddPolicy(Policy, policy => policy
            .Expire(Lifetime)
            .Tag(Tag)
            // Blazor's enhanced navigation fetches with its own Accept header; keep its responses apart from full loads.
            .SetVaryByHeader("Accept")
            .VaryByValue(http => new KeyValuePair<string, string>("view",
                CultureInfo.CurrentUICulture.Name + "|" + (http.Request.Cookies[Components.App.ThemeCookie] == "dark" ? "dark" : "light")
                + "|" + http.RequestServices.GetRequiredService<PublicPageCache>().Generation)));
    }
}

/// <summary>
/// Keeps cacheable public pages free of the antiforgery cookie. Blazor (.NET 10) asks for an antiforgery token while
/// rendering every page, to hand it to interactive components, and asking stores a cookie; a response with a cookie is
/// never cached. For an anonymous GET of a page under <see cref="PublicPageCache.Policy"/> this returns no token
/// instead (those pages have no form that posts: search is a GET form, log out is only shown to signed-in users).
/// Every other request, and every validation, goes to the framework's implementation unchanged.
/// </summary>
internal sealed class PublicPageAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        IsCacheablePublicPage(httpContext) ? NoTokens() : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        IsCacheablePublicPage(httpContext) ? NoTokens() : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);
    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);
    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private AntiforgeryTokenSet NoTokens() => new(null, null, options.Value.FormFieldName, options.Value.HeaderName);

    internal static bool IsCacheablePublicPage(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.User.Identity?.IsAuthenticated != true
        && http.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PublicPageCache.Policy;

    /// <summary>Wraps the registered <see cref="IAntiforgery"/> (call after AddRazorComponents/AddAntiforgery).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.Add(ServiceDescriptor.Describe(typeof(IAntiforgery), sp => new PublicPageAntiforgery(
            original.ImplementationFactory?.Invoke(sp) as IAntiforgery
                ?? original.ImplementationInstance as IAntiforgery
                ?? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>()), original.Lifetime));
    }
}
