using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KnowledgeHub.Tests.Support;

/// <summary>bunit with MudBlazor, the app's localization and a chosen UI culture (restored afterwards).</summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo culture = CultureInfo.CurrentCulture, uiCulture = CultureInfo.CurrentUICulture;

    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
    }

    /// <summary>Signs the test user in with an id (the NameIdentifier claim the app reads) and roles.</summary>
    protected void SignIn(int userId, params string[] roles)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized($"user{userId}");
        auth.SetRoles(roles); // before the claims: bunit's SetRoles drops claims set earlier
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId.ToString(CultureInfo.InvariantCulture)));
    }

    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = uiCulture;
        await base.DisposeAsync();
    }
}
