using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>POST /v1/sessions/{id}/egress/hls: never two HLS egresses for one session.</summary>
[Collection(MediaCollection.Name)]
public sealed class HlsEgressTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task FiftyConcurrentCallsStartOneEgressAndAllAnswerIt()
    {
        var (host, session) = await api.LiveAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")));
        var streams = await Task.WhenAll(responses.Select(r => r.ShouldSucceedAsync<StreamDto>()));

        var egress = Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.Single(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
        Assert.All(streams, s => Assert.Equal(egress.EgressId, s.Hls?.EgressId));
    }

    [Fact]
    public async Task AnEgressLiveKitAlreadyRunsForTheRoomIsAdoptedNotDuplicated()
    {
        var (host, session) = await api.LiveAsync();
        var egresses = api.Services.GetRequiredService<ILiveKitEgressService>();
        var room = MediaTestKit.RoomOf(session.Id);
        await api.Services.GetRequiredService<ILiveKitRoomService>()
            .CreateRoomAsync(new LiveKitRoomOptions(room, TimeSpan.FromMinutes(5), MaxParticipants: 0, Metadata: null));
        // As if an earlier call had started it and lost its record (a failed write, a silo lost mid-call).
        var running = await egresses.StartRoomCompositeHlsAsync(room,
            new LiveKitSegmentsOutput("/out/hls/earlier/segment", "index.m3u8", "live.m3u8", TimeSpan.FromSeconds(6), S3: null));

        var stream = await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldSucceedAsync<StreamDto>();

        Assert.Equal(running.EgressId, stream.Hls?.EgressId);
        Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.Single(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
    }

    [Fact]
    public async Task ARunningRecordingOfTheRoomIsNotTakenForTheHlsEgress()
    {
        var (host, session) = await api.LiveAsync();
        await (await host.Client.PatchAsync($"/v1/sessions/{session.Id}/settings", ApiJson.Body(new { RecordingEnabled = true }))).ShouldSucceedAsync();
        await (await host.PostAsync($"/v1/sessions/{session.Id}/recordings")).ShouldSucceedAsync(HttpStatusCode.Created);
        var recording = Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.True(recording.Request.TryGetProperty("file_outputs", out _), recording.Request.ToString());

        var stream = await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldSucceedAsync<StreamDto>();

        Assert.NotEqual(recording.EgressId, stream.Hls?.EgressId);
        var hls = Assert.Single(api.LiveKit.EgressesOf(session.Id), e => e.EgressId == stream.Hls?.EgressId);
        Assert.True(hls.Request.TryGetProperty("segment_outputs", out _), hls.Request.ToString());
    }

    [Fact]
    public async Task AnEgressOfAScheduledSessionIsAConflict()
    {
        var (host, session) = await api.ScheduledAsync();

        await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
    }

    [Fact]
    public async Task AViewerMayNotEnsureTheEgress()
    {
        var (_, session) = await api.LiveAsync();
        var viewer = await api.CreateViewerAsync();

        await (await viewer.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
    }
}
