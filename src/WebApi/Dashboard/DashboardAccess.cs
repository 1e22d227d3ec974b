using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;
using Orleans.Dashboard;
using Roomcast.Grains.Identity;
using Roomcast.Identity;
using Roomcast.Hosting;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Dashboard;

/// <summary>
/// The Orleans dashboard behind an admin sign-in a browser can use. A request with an <c>Authorization</c> (or
/// <c>x-api-key</c>) header is judged by its token as everywhere else; any other by the dashboard cookie, which
/// only <see cref="DashboardLogin"/> sets, and only for an admin. Either way the <see cref="Policy"/> asks for the
/// admin role. Anonymous access needs <c>Dashboard:AllowAnonymous=true</c> and is logged as a warning at start.
/// </summary>
public static class DashboardAccess
{
    /// <summary>The authorization policy of every dashboard route: an admin, by cookie or by bearer token.</summary>
    public const string Policy = "dashboard";

    /// <summary>Picks the cookie or the token scheme per request.</summary>
    public const string Scheme = "Dashboard";

    public const string CookieScheme = "DashboardCookie";

    public const string CookieName = "roomcast.dashboard";

    public const string AntiforgeryCookieName = "roomcast.dashboard.af";

    public const string LoginPath = DashboardEndpoints.RoutePrefix + "/login";

    public const string LogoutPath = DashboardEndpoints.RoutePrefix + "/logout";

    public static WebApplicationBuilder AddDashboardAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardCookieEvents>();
        services.AddAuthentication()
            .AddPolicyScheme(Scheme, "Dashboard: admin cookie, or a bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(HeaderNames.Authorization) || http.Request.Headers.ContainsKey(ApiKeyDefaults.HeaderName)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.Path = DashboardEndpoints.RoutePrefix; // never sent to the API routes
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.ReturnUrlParameter = DashboardLogin.ReturnUrlField;
                o.EventsType = typeof(DashboardCookieEvents);
            });
        // Sign-in deadlines follow the identity clock, like those of refresh tokens and codes (a test can advance it).
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(IdentityClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<DashboardAccessOptions>, IServiceProvider>((cookie, dashboard, provider) =>
            {
                cookie.ExpireTimeSpan = dashboard.Value.SignInLifetime;
                cookie.TimeProvider = provider.GetRequiredKeyedService<TimeProvider>(IdentityClock.Key);
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.Path = DashboardEndpoints.RoutePrefix;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = DashboardLogin.AntiforgeryField;
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(RoomcastClaims.Role, ApiEnum.Name(UserRole.Admin)));
        return builder;
    }

    /// <summary>
    /// The package's dashboard at <c>/dashboard</c> (admins only unless configured otherwise, silo addresses checked)
    /// and its login routes. None of them is in the OpenAPI document: they serve a browser page and its scripts, not
    /// the JSON API that document describes.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var envelope = app.Services.GetRequiredService<Envelope>();
        var dashboard = app.MapOrleansDashboard(routePrefix: DashboardEndpoints.RoutePrefix)
            .ExcludeFromDescription()
            .GuardSiloAddresses((status, code, message) => TypedResults.Json(envelope.Error(code, message), statusCode: status));
        if (app.Services.GetRequiredService<IOptions<DashboardAccessOptions>>().Value.AllowAnonymous)
        {
            dashboard.AllowAnonymous();
            DashboardEndpoints.LogAnonymous(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DashboardAccess)), DashboardEndpoints.RoutePrefix);
        }
        else
        {
            dashboard.RequireAuthorization(Policy);
        }

        app.MapDashboardLogin();
        return app;
    }
}
