using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Roomcast.Grains.Telemetry;

namespace Roomcast.Hosting.Telemetry;

/// <summary>
/// Traces and metrics of every Roomcast process, with the OpenTelemetry SDK: ASP.NET Core, HttpClient, Npgsql, Orleans'
/// grain calls (activity sources <c>Microsoft.Orleans.Application</c> and <c>Microsoft.Orleans.Runtime</c>, meter
/// <c>Microsoft.Orleans</c>) and Roomcast's own meter (<see cref="RoomcastMetrics"/>).
/// </summary>
/// <remarks>
/// Nothing is exported, and no tracer or meter provider runs, unless something reads it: the OTLP exporter when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> variables configure it and name the service),
/// the Prometheus scrape endpoint when <c>Telemetry:Prometheus=true</c>. The instrumentation itself is always
/// configured, so a test (or a later exporter) only has to add an exporter with <c>WithTracing</c>/<c>WithMetrics</c>.
/// </remarks>
public static class RoomcastTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string PrometheusKey = "Telemetry:Prometheus";
    public const string PrometheusPortKey = "Telemetry:PrometheusPort";
    public const string PrometheusPath = "/metrics";

    /// <summary>The port of the scrape endpoint unless <c>Telemetry:PrometheusPort</c> says otherwise (the exporter's registered default).</summary>
    public const int DefaultPrometheusPort = 9464;

    /// <summary>Orleans' grain-call activity sources: calls to Roomcast's grains, and Orleans' own system calls.</summary>
    public static readonly string[] OrleansActivitySources =
        [ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName];

    /// <summary>The meter Orleans records its runtime instruments on.</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>Configures the instrumentation and the exporters that the configuration asks for.</summary>
    /// <param name="defaultServiceName">The service name when <c>OTEL_SERVICE_NAME</c> is not set (roomcast-api, roomcast-silo).</param>
    public static IHostApplicationBuilder AddRoomcastTelemetry(this IHostApplicationBuilder builder, string defaultServiceName)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbeOrScrape(context.Request.Path))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddSource(OrleansActivitySources));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddNpgsqlInstrumentation()
            .AddMeter(OrleansMeterName, RoomcastMetrics.MeterName));

        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var prometheus = PrometheusEnabled(configuration);
        if (!otlp && !prometheus)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES are read by the SDK; a name given here would outrank them.
            if (string.IsNullOrWhiteSpace(configuration[ServiceNameKey]))
            {
                resource.AddService(defaultServiceName);
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter()).WithMetrics(metrics => metrics.AddOtlpExporter());
        }

        if (prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
            builder.AddPrometheusListener(configuration.GetValue(PrometheusPortKey, DefaultPrometheusPort));
        }

        return builder;
    }

    /// <summary>
    /// Maps <c>/metrics</c> when <c>Telemetry:Prometheus=true</c>, answering only on its own port
    /// (<c>Telemetry:PrometheusPort</c>, 9464): whoever can reach that port may read it, so publish the API's port,
    /// never this one, and let the network (a NetworkPolicy, the scraper's subnet) decide who reaches it.
    /// </summary>
    public static IEndpointRouteBuilder MapRoomcastPrometheus(this IEndpointRouteBuilder endpoints)
    {
        var configuration = endpoints.ServiceProvider.GetRequiredService<IConfiguration>();
        if (PrometheusEnabled(configuration))
        {
            endpoints.MapPrometheusScrapingEndpoint(PrometheusPath)
                .RequireHost($"*:{configuration.GetValue(PrometheusPortKey, DefaultPrometheusPort)}")
                .ExcludeFromDescription();
        }

        return endpoints;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue<bool>(PrometheusKey);

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(PrometheusPath);

    /// <summary>
    /// Adds <c>http://+:port</c> to the addresses the process listens on, keeping the configured ones (URLs or ports):
    /// Kestrel takes one list, and an address set here would otherwise replace <c>ASPNETCORE_HTTP_PORTS</c>.
    /// </summary>
    private static void AddPrometheusListener(this IHostApplicationBuilder builder, int port)
    {
        if (builder is not WebApplicationBuilder web)
        {
            return;
        }

        var urls = web.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (string.IsNullOrWhiteSpace(urls))
        {
            var http = (web.WebHost.GetSetting(WebHostDefaults.HttpPortsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var https = (web.WebHost.GetSetting(WebHostDefaults.HttpsPortsKey) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            urls = string.Join(';', http.Select(p => $"http://+:{p}").Concat(https.Select(p => $"https://+:{p}")));
        }

        web.WebHost.UseUrls(string.IsNullOrWhiteSpace(urls) ? $"http://+:{port}" : $"{urls};http://+:{port}");
    }
}
