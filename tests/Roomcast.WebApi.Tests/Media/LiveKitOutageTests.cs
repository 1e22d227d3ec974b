using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>LiveKit down: 503 <c>livekit_unavailable</c>, nothing half-started recorded, and a retry finishes the job.</summary>
[Collection(LiveKitOutageCollection.Name)]
public sealed class LiveKitOutageTests(RoomcastApiFactory api)
{
    /// <summary>Longer than the client's circuit breaker stays open after the failures a test provokes.</summary>
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GoingLiveWhileLiveKitIsDownIs503AndLeavesTheSessionScheduledWithoutAnEgress()
    {
        var (host, session) = await api.ScheduledAsync();
        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        try
        {
            await (await host.PostAsync($"/v1/sessions/{session.Id}/go_live"))
                .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "livekit_unavailable");
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        Assert.Equal("scheduled", (await api.GetSessionAsync(host, session.Id)).State);
        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
        var health = await host.HealthAsync(session.Id);
        Assert.Null(health.Stream.Hls);
        Assert.Null(health.HlsStatus);

        var live = await RetryUntilLiveKitAnswersAsync(() => host.PostAsync($"/v1/sessions/{session.Id}/go_live"));
        var stream = (await live.ShouldSucceedAsync<GoLiveDto>()).Stream;

        var egress = Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.Equal(egress.EgressId, stream.Hls?.EgressId);
        Assert.Single(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
        Assert.Equal("live", (await api.GetSessionAsync(host, session.Id)).State);
    }

    [Fact]
    public async Task EnsuringTheEgressWhileLiveKitIsDownRecordsNothingAndTheRetryStartsExactlyOne()
    {
        var (host, session) = await api.LiveAsync();
        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        try
        {
            await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls"))
                .ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "livekit_unavailable");
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        Assert.Null((await host.HealthAsync(session.Id)).Stream.Hls);

        var retried = await RetryUntilLiveKitAnswersAsync(() => host.PostAsync($"/v1/sessions/{session.Id}/egress/hls"));
        var stream = await retried.ShouldSucceedAsync<StreamDto>();

        var egress = Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.Equal(egress.EgressId, stream.Hls?.EgressId);
    }

    [Fact]
    public async Task StreamHealthWhileLiveKitIsUnreachableSaysTheFiguresAreNotFreshAndNotHealthy()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("index.m3u8", "live.m3u8", null, null, 2, 1_000_000, TimeSpan.FromSeconds(12))]);

        api.LiveKit.FailAlways(FakeLiveKitFailure.Unavailable);
        StreamHealthDto health;
        try
        {
            health = await host.HealthAsync(session.Id);
        }
        finally
        {
            api.LiveKit.FailAlways(null);
        }

        Assert.False(health.FiguresFresh);
        Assert.NotEqual("healthy", health.Verdict);
        // What Roomcast knew, not what LiveKit would have said: the egress was starting when last heard of.
        Assert.Equal("starting", health.HlsStatus);
        await RetryUntilLiveKitAnswersAsync(() => host.PostAsync($"/v1/sessions/{session.Id}/egress/hls"));
    }

    private static async Task<HttpResponseMessage> RetryUntilLiveKitAnswersAsync(Func<Task<HttpResponseMessage>> call) =>
        await Eventually.MatchAsync(call, r => r.StatusCode != HttpStatusCode.ServiceUnavailable, Recovery, "LiveKit to answer again");
}
