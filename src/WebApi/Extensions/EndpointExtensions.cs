using Roomcast.Hosting;
using Roomcast.WebApi.Apis;
using Roomcast.WebApi.Dashboard;
using Roomcast.WebApi.Infrastructure;
using Scalar.AspNetCore;

namespace Roomcast.WebApi.Extensions;

public static class EndpointExtensions
{
    /// <summary>The pipeline and every route: the versioned API, OpenAPI and its reference page, health (and /metrics when switched on) and the dashboard.</summary>
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
        app.MapRemindersApi();
        app.MapSessionsApi();
        app.MapPresetsApi();
        app.MapParticipantsApi();
        app.MapStudioApi();
        app.MapAudienceApi();
        app.MapAttendanceApi();
        app.MapBansApi();
        app.MapEventsApi();
        app.MapPollsApi();
        app.MapChatApi();
        app.MapStageApi();
        app.MapMediaApi();
        app.MapRecordingsApi();
        app.MapStorageAdminApi();
        app.MapWebhooksApi();
        app.MapOutboundWebhooksApi();
        app.MapCentrifugoApi();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/reference").AllowAnonymous();
        app.MapRoomcastDefaultEndpoints().AllowAnonymous();

        app.MapDashboard();

        return app;
    }
}
