using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>GET /v1/sessions/{id}/stream_health: the verdict and its reason, the figures LiveKit reported, the audience.</summary>
[Collection(MediaCollection.Name)]
public sealed class StreamHealthTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task ASessionThatIsNotLiveIsDown()
    {
        var (host, session) = await api.ScheduledAsync();

        var health = await host.HealthAsync(session.Id);

        Assert.Equal(("down", "The session is scheduled."), (health.Verdict, health.Reason));
        Assert.Null(health.HlsStatus);
    }

    [Fact]
    public async Task ALiveSessionWithoutAnEgressIsDown()
    {
        var (host, session) = await api.LiveAsync();

        var health = await host.HealthAsync(session.Id);

        Assert.Equal("down", health.Verdict);
        Assert.Contains("No HLS egress", health.Reason);
        Assert.Null(health.LastSegmentAgeSeconds);
        Assert.Null(health.BitrateBps);
    }

    [Fact]
    public async Task AStartingEgressIsDegraded()
    {
        var (host, session, _) = await api.GoneLiveAsync();

        var health = await host.HealthAsync(session.Id);

        Assert.Equal(("degraded", "The HLS egress is starting.", "starting"), (health.Verdict, health.Reason, health.HlsStatus));
        Assert.True(health.FiguresFresh);
    }

    [Fact]
    public async Task AnActiveEgressReportedBySignedWebhooksIsHealthyWithItsBitrateAndSegmentAge()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var egress = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("index.m3u8", "live.m3u8", null, null, 3, 3_000_000, TimeSpan.FromSeconds(18))]);
        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(egress, DateTimeOffset.UtcNow));

        var health = await host.HealthAsync(session.Id);

        Assert.Equal(("healthy", "active"), (health.Verdict, health.HlsStatus));
        Assert.Equal(3_000_000L * 8 / 18, health.BitrateBps);
        Assert.NotNull(health.LastSegmentAgeSeconds);
        Assert.InRange(health.LastSegmentAgeSeconds.Value, 0, 17);
        Assert.True(health.FiguresFresh);
        Assert.Equal(3, health.Stream.Hls?.SegmentCount);
    }

    [Fact]
    public async Task TheHealthCheckAsksLiveKitForFiguresNoWebhookBrought()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("index.m3u8", "live.m3u8", null, null, 2, 1_500_000, TimeSpan.FromSeconds(12))]);

        var health = await host.HealthAsync(session.Id);

        Assert.Equal(("healthy", "active"), (health.Verdict, health.HlsStatus));
        Assert.Equal(1_000_000L, health.BitrateBps);
        Assert.True(health.FiguresFresh);
    }

    [Fact]
    public async Task AFailedEgressIsDownWithLiveKitsError()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var egress = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Failed, error: "pipeline crashed: out of memory");
        await DeliverAsync(LiveKitWebhookBodies.EgressEnded(egress, DateTimeOffset.UtcNow));

        var health = await host.HealthAsync(session.Id);

        Assert.Equal(("down", "failed"), (health.Verdict, health.HlsStatus));
        Assert.Contains("pipeline crashed: out of memory", health.Reason);
        Assert.Equal("pipeline crashed: out of memory", health.Stream.Hls?.Error);
    }

    [Fact]
    public async Task TheViewerCountIsTheViewersPresent()
    {
        var (host, session, _) = await api.GoneLiveAsync();
        var viewers = new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        foreach (var viewer in viewers)
        {
            await (await api.ViewerClient(viewer, session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/join", null)).ShouldSucceedAsync();
        }

        await (await api.ViewerClient(viewers[0], session.LibraryId).PostAsync($"/v1/sessions/{session.Id}/leave", null)).ShouldSucceedAsync();

        Assert.Equal(2, (await host.HealthAsync(session.Id)).ViewerCount);
    }

    [Fact]
    public async Task ModeratorsMayReadTheHealthAndViewersMayNot()
    {
        var (host, session, _) = await api.GoneLiveAsync();
        var moderator = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/moderators", ApiJson.Body(new { UserId = moderator.Id }))).ShouldSucceedAsync();
        var viewer = await api.CreateViewerAsync();

        Assert.Equal("degraded", (await moderator.HealthAsync(session.Id)).Verdict);
        await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/stream_health")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task DeliverAsync(string body)
    {
        using var request = LiveKitWebhooks.Request(body, api.LiveKit.SignWebhook(body));
        var answer = await (await api.CreateClient().SendAsync(request)).ShouldSucceedAsync();
        Assert.Equal("processed", answer.GetProperty("outcome").GetString());
    }
}
