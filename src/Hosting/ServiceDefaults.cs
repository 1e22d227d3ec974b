using Roomcast.Hosting.Health;
using Roomcast.Hosting.Logging;
using Roomcast.Hosting.Telemetry;
using Roomcast.Hosting.Web;

namespace Roomcast.Hosting;

/// <summary>
/// What the silo and the API set up the same way (the ServiceDefaults of eShop/Aspire): the hosting options, the
/// default address, console logging, telemetry and the readiness checks. Orleans itself is added by the caller
/// (<see cref="RoomcastSiloBuilderExtensions"/>), because only the caller knows whether it hosts a silo.
/// </summary>
public static class ServiceDefaults
{
    /// <summary>Reads, checks and registers <see cref="RoomcastHostingOptions"/>, then adds the shared services.</summary>
    /// <param name="serviceName">The OpenTelemetry service name unless <c>OTEL_SERVICE_NAME</c> is set.</param>
    /// <param name="defaultUrls">The address to listen on when none is configured.</param>
    /// <param name="hostsSilo">Whether this process hosts a silo (readiness: silo active) or is a client (a gateway answers).</param>
    public static RoomcastHostingOptions AddRoomcastServiceDefaults(this WebApplicationBuilder builder, string serviceName, string defaultUrls, bool hostsSilo)
    {
        var hosting = RoomcastHostingOptions.From(builder.Configuration);
        builder.Services.AddSingleton(hosting);
        builder.UseDefaultUrlsUnlessConfigured(defaultUrls);
        builder.Logging.AddRoomcastConsole(hosting);
        // After the default address: the Prometheus port is added to the addresses in effect.
        builder.AddRoomcastTelemetry(serviceName);
        builder.Services.AddHealthChecks().AddRoomcastReadiness(hosting, hostsSilo);
        return hosting;
    }

    /// <summary>Health (<c>/health</c>, <c>/health/live</c>, <c>/health/ready</c>) and, when switched on, <c>/metrics</c> on its own port.</summary>
    public static IEndpointConventionBuilder MapRoomcastDefaultEndpoints(this WebApplication app)
    {
        app.MapRoomcastPrometheus();
        return app.MapRoomcastHealthChecks();
    }
}
