using Orleans.Dashboard;
using Roomcast.Silo.Hosting;
using Roomcast.WebApi.Apis;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Infrastructure;
using Scalar.AspNetCore;

namespace Roomcast.WebApi.Extensions;

public static class EndpointExtensions
{
    /// <summary>The pipeline and every route: the versioned API, OpenAPI and its reference page, health and the dashboard.</summary>
    public static WebApplication MapRoomcastApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(StatusCodeEnvelope.WriteAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyGuard>();

        app.MapAuthApi();
        app.MapAdminApi();
        app.MapLibrariesApi();
        app.MapApiKeysApi();
        app.MapRoomsApi();
        app.MapSessionsApi();
        app.MapParticipantsApi();
        app.MapStudioApi();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference").AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();

        // The dashboard's own JSON routes are not part of the Live API: kept out of its OpenAPI document (and so of the fuzz suite).
        var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard").ExcludeFromDescription();
        var devMode = app.Services.GetRequiredService<RoomcastHostingOptions>().Storage == StorageMode.Dev;
        if (!app.Configuration.GetValue("Dashboard:AllowAnonymous", devMode))
        {
            dashboard.RequireAuthorization(Policies.Admin);
        }

        return app;
    }
}
