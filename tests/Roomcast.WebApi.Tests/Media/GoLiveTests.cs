using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>POST /v1/sessions/{id}/go_live: the LiveKit room, one HLS egress however often it is called, and who may.</summary>
[Collection(MediaCollection.Name)]
public sealed class GoLiveTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task TheHostGoesLiveWithTheRoomAndOneHlsEgressWritingUnderTheRecordingRoot()
    {
        var (host, session) = await api.ScheduledAsync();

        var live = await (await host.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldSucceedAsync<GoLiveDto>();

        Assert.Equal("live", live.Session.State);
        Assert.Equal("live", (await api.GetSessionAsync(host, session.Id)).State);
        var room = MediaTestKit.RoomOf(session.Id);
        Assert.Equal(room, live.Stream.RoomName);
        Assert.NotNull(live.Stream.RoomCreatedAt);
        Assert.True(api.LiveKit.HasRoom(room));
        Assert.Single(api.LiveKit.CallsFor("CreateRoom", session.Id));

        var start = Assert.Single(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
        var output = Assert.Single(start.Body.GetProperty("segment_outputs").EnumerateArray());
        Assert.Equal("live.m3u8", output.GetProperty("live_playlist_name").GetString());
        Assert.Equal("index.m3u8", output.GetProperty("playlist_name").GetString());
        var root = Path.GetFullPath(api.RecordingsRoot).TrimEnd('/');
        Assert.Equal($"{root}/hls/{session.Id:N}/segment", output.GetProperty("filename_prefix").GetString());
        Assert.Empty(api.LiveKit.CallsFor("StartTrackCompositeEgress", session.Id));

        var egress = Assert.Single(api.LiveKit.EgressesOf(session.Id));
        Assert.Equal(egress.EgressId, live.Stream.Hls?.EgressId);
        Assert.Equal("starting", live.Stream.Hls?.Status);
        Assert.Null(live.Stream.HlsUrl);
        Assert.Equal(api.LiveKit.WsUrl, live.Stream.LivekitUrl);
    }

    [Fact]
    public async Task TheHlsUrlIsWhereLiveKitSaysTheLivePlaylistIsOnceItSaysSo()
    {
        var (host, session, stream) = await api.GoneLiveAsync();
        const string location = "https://egress.tests.roomcast.local/hls/live.m3u8";
        var egress = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("index.m3u8", "live.m3u8", null, location, 3, 3_000_000, TimeSpan.FromSeconds(18))]);
        var body = LiveKitWebhookBodies.EgressUpdated(egress, DateTimeOffset.UtcNow);
        using var request = LiveKitWebhooks.Request(body, api.LiveKit.SignWebhook(body));
        await (await api.CreateClient().SendAsync(request)).ShouldSucceedAsync();

        var again = await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldSucceedAsync<StreamDto>();

        Assert.Equal(location, again.HlsUrl);
        Assert.Equal(location, again.Hls?.PlaylistUrl);
        Assert.Equal(3, again.Hls?.SegmentCount);
    }

    [Fact]
    public async Task GoingLiveAgainAnswersTheSameEgressAndStartsNoOther()
    {
        var (host, session, first) = await api.GoneLiveAsync();

        var second = await (await host.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldSucceedAsync<GoLiveDto>();

        Assert.Equal(first.Hls?.EgressId, second.Stream.Hls?.EgressId);
        Assert.Equal("live", second.Session.State);
        Assert.Single(api.LiveKit.CallsFor("StartRoomCompositeEgress", session.Id));
        Assert.Single(api.LiveKit.EgressesOf(session.Id));
    }

    [Fact]
    public async Task ACoHostMayGoLive()
    {
        var (host, session) = await api.ScheduledAsync();
        var coHost = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/co_hosts", ApiJson.Body(new { UserId = coHost.Id }))).ShouldSucceedAsync();

        var live = await (await coHost.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldSucceedAsync<GoLiveDto>();

        Assert.Equal("live", live.Session.State);
        Assert.Single(api.LiveKit.EgressesOf(session.Id));
    }

    [Fact]
    public async Task AViewerMayNotGoLive()
    {
        var (host, session) = await api.ScheduledAsync();
        var viewer = await api.CreateViewerAsync();

        await (await viewer.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");

        Assert.Equal("scheduled", (await api.GetSessionAsync(host, session.Id)).State);
        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
    }

    [Fact]
    public async Task AStrangerToAPrivateSessionFindsNothing()
    {
        var (_, session) = await api.ScheduledAsync("private");
        var stranger = await api.CreateHostAsync();

        await (await stranger.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
    }

    [Theory]
    [InlineData("end")]
    [InlineData("cancel")]
    public async Task ASessionThatIsOverCannotGoLive(string how)
    {
        var (host, session) = how == "end" ? await api.LiveAsync() : await api.ScheduledAsync();
        await (await host.PostAsync($"/v1/sessions/{session.Id}/{how}")).ShouldSucceedAsync();

        await (await host.PostAsync($"/v1/sessions/{session.Id}/go_live")).ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition");

        Assert.Empty(api.LiveKit.EgressesOf(session.Id));
    }

    [Fact]
    public async Task AnUnknownSessionIsNotFoundAndAMalformedIdIsBadInput()
    {
        var host = await api.CreateHostAsync();

        await (await host.PostAsync($"/v1/sessions/{Guid.NewGuid()}/go_live")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        var malformed = await host.PostAsync("/v1/sessions/not-a-uuid/go_live");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }
}

/// <summary>With <c>Media:HlsBaseUrl</c> configured the playlist URL is known from the start.</summary>
[Collection(HlsBaseUrlCollection.Name)]
public sealed class ConfiguredHlsBaseUrlTests(HlsBaseUrlApiFactory api)
{
    [Fact]
    public async Task TheHlsUrlIsUnderTheConfiguredBaseAsSoonAsTheEgressIsRequested()
    {
        var (host, session, stream) = await api.GoneLiveAsync();

        var expected = $"https://cdn.tests.roomcast.local/streams/hls/{session.Id:N}/live.m3u8";
        Assert.Equal(expected, stream.HlsUrl);
        Assert.Equal("starting", stream.Hls?.Status);
        var share = await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/share_urls")).ShouldSucceedAsync<ShareUrlsDto>();
        Assert.Equal(expected, share.HlsUrl);
    }
}
