using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Roomcast.Hosting.Telemetry;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// <c>Telemetry:Prometheus=true</c> serves <c>/metrics</c> on its own port only (the API's port answers 404), with the
/// Roomcast meter in it; without the switch there is no <c>/metrics</c> anywhere.
/// </summary>
public sealed class PrometheusTests
{
    [Fact]
    public async Task MetricsAreServedOnTheirOwnPortOnlyAndCarryTheRoomcastMeter()
    {
        await using var api = new PrometheusApiFactory();
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);

        var onApiPort = await api.CreateClient().GetAsync(RoomcastTelemetry.PrometheusPath);
        Assert.Equal(HttpStatusCode.NotFound, onApiPort.StatusCode);

        var scraper = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://localhost:{PrometheusApiFactory.Port}") });
        var scrape = await scraper.GetAsync(RoomcastTelemetry.PrometheusPath);
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("roomcast_session_transitions", text);
    }

    [Fact]
    public async Task WithoutTheSwitchThereIsNoMetricsEndpoint()
    {
        await using var api = new RoomcastApiFactory();

        var scraper = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"http://localhost:{RoomcastTelemetry.DefaultPrometheusPort}") });

        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync(RoomcastTelemetry.PrometheusPath)).StatusCode);
    }

    private sealed class PrometheusApiFactory : RoomcastApiFactory
    {
        public const int Port = 19464;

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new(RoomcastTelemetry.PrometheusKey, "true"),
            new(RoomcastTelemetry.PrometheusPortKey, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }
}
