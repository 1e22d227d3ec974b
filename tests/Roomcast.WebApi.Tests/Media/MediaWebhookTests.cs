using System.Net;
using System.Text.Json;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;
using Roomcast.WebApi.Tests.Webhooks;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>
/// LiveKit webhooks that drive media, signed with the fake LiveKit's key pair: egress events move the session's HLS
/// egress, the host's camera and microphone tracks its media sources, room_finished its stream; each event id once,
/// and an event older than what was applied changes nothing.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class MediaWebhookTests(RoomcastApiFactory api)
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task EgressStartedUpdatedAndEndedMoveTheHlsEgress()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var id = stream.Hls!.EgressId;

        Assert.Equal("processed", (await DeliverAsync(LiveKitWebhookBodies.EgressStarted(
            api.LiveKit.SetEgressStatus(id, FakeEgressStatus.Active), Now))).Outcome);
        // egress/hls answers the record without asking LiveKit while the egress runs.
        var started = await EnsureAsync(host, session.Id);
        Assert.Equal(("active", 0L), (started.Hls?.Status, started.Hls?.SegmentCount));
        Assert.NotNull(started.Hls?.StartedAt);

        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(api.LiveKit.SetEgressStatus(id, FakeEgressStatus.Active,
            segments: [Segments(4)]), Now));
        Assert.Equal(4, (await EnsureAsync(host, session.Id)).Hls?.SegmentCount);

        await DeliverAsync(LiveKitWebhookBodies.EgressEnded(api.LiveKit.SetEgressStatus(id, FakeEgressStatus.Complete), Now));
        var health = await host.HealthAsync(session.Id);
        Assert.Equal(("complete", "down"), (health.HlsStatus, health.Verdict));
        Assert.NotNull(health.Stream.Hls?.EndedAt);
        Assert.Equal(id, health.Stream.Hls?.EgressId);
    }

    [Fact]
    public async Task EgressEventsOfTheWebcamEgressMoveTheWebcamStreamNotTheRoomStream()
    {
        var (host, session) = await api.LiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        api.LiveKit.AddParticipant(room, host.Id.ToString("D"), "Host");
        api.LiveKit.PublishTrack(room, host.Id.ToString("D"), "VIDEO", "CAMERA");
        var webcam = (await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldSucceedAsync<StreamDto>()).Webcam!;

        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(api.LiveKit.SetEgressStatus(webcam.EgressId, FakeEgressStatus.Active,
            segments: [Segments(5)]), Now));

        var stream = await (await host.PostAsync($"/v1/sessions/{session.Id}/webcam_hls")).ShouldSucceedAsync<StreamDto>();
        Assert.Equal((webcam.EgressId, "active", 5L), (stream.Webcam?.EgressId, stream.Webcam?.Status, stream.Webcam?.SegmentCount));
        Assert.Null(stream.Hls);
    }

    [Fact]
    public async Task AReplayedEventIdHasNoSecondEffect()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var eventId = LiveKitWebhookBodies.NewEventId();
        var first = LiveKitWebhookBodies.EgressUpdated(api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [Segments(3)]), Now, eventId);
        Assert.Equal("processed", (await DeliverAsync(first)).Outcome);

        // The same event id again, even carrying newer figures, is the same event.
        var replay = LiveKitWebhookBodies.EgressUpdated(api.LiveKit.SetEgressStatus(stream.Hls.EgressId, FakeEgressStatus.Active,
            segments: [Segments(9)]), Now, eventId);
        Assert.Equal("duplicate", (await DeliverAsync(replay)).Outcome);
        Assert.Equal("duplicate", (await DeliverAsync(first)).Outcome);

        Assert.Equal(3, (await EnsureAsync(host, session.Id)).Hls?.SegmentCount);
    }

    [Fact]
    public async Task AnOlderEgressUpdateAfterANewerOneChangesNothing()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var older = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active, segments: [Segments(3)]);
        var newer = api.LiveKit.SetEgressStatus(stream.Hls.EgressId, FakeEgressStatus.Active, segments: [Segments(6)]);
        Assert.True(newer.UpdatedAt > older.UpdatedAt);

        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(newer, Now));
        Assert.Equal("processed", (await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(older, Now))).Outcome);

        var hls = (await EnsureAsync(host, session.Id)).Hls;
        Assert.Equal(6, hls?.SegmentCount);
        Assert.Equal(newer.UpdatedAt, hls?.UpdatedAt);
    }

    [Fact]
    public async Task AnUpdateAfterTheEgressEndedDoesNotBringItBack()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var active = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active, segments: [Segments(2)]);
        await DeliverAsync(LiveKitWebhookBodies.EgressEnded(api.LiveKit.SetEgressStatus(stream.Hls.EgressId, FakeEgressStatus.Complete), Now));

        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(active, Now));

        Assert.Equal("complete", (await host.HealthAsync(session.Id)).HlsStatus);
    }

    [Fact]
    public async Task AWrongSecretOrATamperedBodyIsRefusedAndChangesNothing()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        var body = LiveKitWebhookBodies.EgressEnded(api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Failed,
            error: "forged"), Now);

        var wrongSecret = LiveKitWebhooks.Sign(body, api.LiveKit.ApiKey, "another-secret-0123456789abcdef0123");
        await (await SendAsync(body, wrongSecret)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
        var tampered = body.Replace("forged", "tampered", StringComparison.Ordinal);
        Assert.NotEqual(body, tampered);
        await (await SendAsync(tampered, api.LiveKit.SignWebhook(body))).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");
        await (await SendAsync(body, authorization: null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_signature");

        var hls = (await EnsureAsync(host, session.Id)).Hls;
        Assert.Equal(("starting", null), (hls?.Status, hls?.Error));
    }

    [Fact]
    public async Task TheHostsCameraAndMicrophoneTracksSwitchTheSessionsSources()
    {
        var (host, session) = await api.LiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        var identity = host.Id.ToString("D");
        var camera = new FakeTrack("TR_camera", "VIDEO", "CAMERA");
        var microphone = new FakeTrack("TR_microphone", "AUDIO", "MICROPHONE");
        var at = Now;

        Assert.Equal("processed", (await DeliverAsync(LiveKitWebhookBodies.TrackPublished(room, identity, camera, at))).Outcome);
        await DeliverAsync(LiveKitWebhookBodies.TrackPublished(room, identity, microphone, at));
        Assert.Equal((true, true), await SourcesAsync(host, session.Id));

        await DeliverAsync(LiveKitWebhookBodies.TrackUnpublished(room, identity, camera, at.AddSeconds(5)));
        Assert.Equal((false, true), await SourcesAsync(host, session.Id));

        // A publication older than the unpublication, delivered late.
        Assert.Equal("processed", (await DeliverAsync(LiveKitWebhookBodies.TrackPublished(room, identity, camera, at.AddSeconds(2)))).Outcome);
        Assert.Equal((false, true), await SourcesAsync(host, session.Id));
    }

    [Fact]
    public async Task TracksOfSomeoneOtherThanTheHostAndOtherSourcesAreIgnored()
    {
        var (host, session) = await api.LiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);

        var guest = await DeliverAsync(LiveKitWebhookBodies.TrackPublished(room, Guid.NewGuid().ToString("D"),
            new FakeTrack("TR_guest", "VIDEO", "CAMERA"), Now));
        var screen = await DeliverAsync(LiveKitWebhookBodies.TrackPublished(room, host.Id.ToString("D"),
            new FakeTrack("TR_screen", "VIDEO", "SCREEN_SHARE"), Now));

        Assert.Equal(("ignored", "ignored"), (guest.Outcome, screen.Outcome));
        Assert.Empty((await api.GetSessionAsync(host, session.Id)).Sources);
    }

    [Fact]
    public async Task RoomFinishedTakesTheStreamDown()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [Segments(2)]), Now));
        Assert.Equal("healthy", (await host.HealthAsync(session.Id)).Verdict);

        Assert.Equal("processed", (await DeliverAsync(LiveKitWebhookBodies.RoomFinished(MediaTestKit.RoomOf(session.Id), Now))).Outcome);

        var health = await host.HealthAsync(session.Id);
        Assert.Equal(("down", "LiveKit closed the session's room."), (health.Verdict, health.Reason));
        Assert.NotNull(health.Stream.RoomFinishedAt);
    }

    [Fact]
    public async Task AnOlderRoomStartedAfterRoomFinishedDoesNotReopenIt()
    {
        var (host, session, _) = await api.GoneLiveAsync();
        var room = MediaTestKit.RoomOf(session.Id);
        var at = Now;
        await DeliverAsync(LiveKitWebhookBodies.RoomFinished(room, at));

        await DeliverAsync(LiveKitWebhookBodies.RoomStarted(room, at.AddSeconds(-10)));

        Assert.Equal("LiveKit closed the session's room.", (await host.HealthAsync(session.Id)).Reason);
    }

    private static FakeEgressSegments Segments(long count) =>
        new("index.m3u8", "live.m3u8", null, null, count, count * 750_000, TimeSpan.FromSeconds(count * 6));

    private static async Task<StreamDto> EnsureAsync(TestUser host, Guid sessionId) =>
        await (await host.PostAsync($"/v1/sessions/{sessionId}/egress/hls")).ShouldSucceedAsync<StreamDto>();

    private async Task<(bool Camera, bool Microphone)> SourcesAsync(TestUser host, Guid sessionId)
    {
        var sources = (await api.GetSessionAsync(host, sessionId)).Sources;
        return (sources.Single(s => s.Type == "video").Enabled, sources.Single(s => s.Type == "audio").Enabled);
    }

    private async Task<LiveKitWebhookDto> DeliverAsync(string body) =>
        await (await SendAsync(body, api.LiveKit.SignWebhook(body))).ShouldSucceedAsync<LiveKitWebhookDto>();

    private async Task<HttpResponseMessage> SendAsync(string body, string? authorization)
    {
        using var request = LiveKitWebhooks.Request(body, authorization);
        return await api.CreateClient().SendAsync(request);
    }
}
