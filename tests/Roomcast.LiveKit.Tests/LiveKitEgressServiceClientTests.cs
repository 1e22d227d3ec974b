using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Roomcast.Errors;
using Roomcast.LiveKit.Tests.Infrastructure;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>The Egress client against the fake LiveKit: routes, exact bodies, roomRecord tokens, answers, stop and list.</summary>
public sealed class LiveKitEgressServiceClientTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly LiveKitS3Upload S3 = new("media", "us-east-1", "http://127.0.0.1:9000", "AKID", "s3cret", ForcePathStyle: true);

    private const string S3Json =
        """{"access_key":"AKID","secret":"s3cret","region":"us-east-1","endpoint":"http://127.0.0.1:9000","bucket":"media","force_path_style":true}""";

    private static readonly LiveKitSegmentsOutput Hls =
        new("live/s1/seg", "live/s1/index.m3u8", "live/s1/live.m3u8", TimeSpan.FromSeconds(6), S3);

    private const string HlsJson =
        $$"""{"protocol":"HLS_PROTOCOL","filename_prefix":"live/s1/seg","playlist_name":"live/s1/index.m3u8","live_playlist_name":"live/s1/live.m3u8","segment_duration":6,"s3":{{S3Json}}}""";

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly string _room = LiveKitRoomNames.ForSession(Guid.NewGuid());
    private FakeLiveKitServer _livekit = null!;
    private LiveKitServices _services = null!;

    public async Task InitializeAsync()
    {
        _livekit = await FakeLiveKitServer.StartAsync();
        _livekit.Clock = _clock;
        _services = LiveKitServices.For(_livekit);
    }

    public async Task DisposeAsync()
    {
        _services.Dispose();
        await _livekit.DisposeAsync();
    }

    private ILiveKitEgressService Client => _services.EgressService;

    private static void AssertRecordToken(FakeLiveKitCall call)
    {
        Assert.True(call.Authorized, call.AuthorizationError);
        Assert.Equal("application/json", call.ContentType?.Split(';')[0]);
        var grant = call.Grant!.Value;
        Assert.True(grant.GetProperty("roomRecord").GetBoolean());
        Assert.False(grant.GetProperty("roomAdmin").GetBoolean());
        Assert.False(grant.GetProperty("roomCreate").GetBoolean());
        Assert.False(grant.TryGetProperty("room", out _));
    }

    [Fact]
    public async Task StartRoomCompositeHlsPostsTheSegmentOutputWithARoomRecordToken()
    {
        var egress = await Client.StartRoomCompositeHlsAsync(_room, Hls);

        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("StartRoomCompositeEgress", call.Method);
        AssertRecordToken(call);
        Assert.Equal($$"""{"room_name":"{{_room}}","segment_outputs":[{{HlsJson}}]}""", call.Body.GetRawText());
        Assert.StartsWith("EG_", egress.EgressId);
        Assert.Equal(_room, egress.RoomName);
        Assert.Equal(LiveKitEgressStatus.Starting, egress.Status);
        Assert.Equal(LiveKitEgressKind.RoomComposite, egress.Kind);
        Assert.Equal(Now, egress.UpdatedAt);
        Assert.Null(egress.StartedAt);
        Assert.Equal(egress.EgressId, Assert.Single(_livekit.Egresses).EgressId);
    }

    [Fact]
    public async Task StartRoomCompositeFilePostsAnMp4OutputAndLeavesOutNoS3()
    {
        var egress = await Client.StartRoomCompositeFileAsync(_room, new LiveKitFileOutput("recordings/r1.mp4", S3: null));

        var call = Assert.Single(_livekit.Calls);
        Assert.Equal("StartRoomCompositeEgress", call.Method);
        AssertRecordToken(call);
        Assert.Equal($$"""{"room_name":"{{_room}}","file_outputs":[{"file_type":"MP4","filepath":"recordings/r1.mp4"}]}""",
            call.Body.GetRawText());
        Assert.Equal(LiveKitEgressKind.RoomComposite, egress.Kind);
    }

    [Fact]
    public async Task StartTrackCompositeHlsNamesTheTracks()
    {
        var both = await Client.StartTrackCompositeHlsAsync(_room, "TR_video", "TR_audio", Hls);
        await Client.StartTrackCompositeHlsAsync(_room, "TR_video", null, Hls with { S3 = null, SegmentDuration = TimeSpan.FromMilliseconds(300) });

        Assert.Equal(LiveKitEgressKind.TrackComposite, both.Kind);
        var calls = _livekit.Calls;
        Assert.All(calls, c => Assert.Equal("StartTrackCompositeEgress", c.Method));
        AssertRecordToken(calls[0]);
        Assert.Equal($$"""{"room_name":"{{_room}}","video_track_id":"TR_video","audio_track_id":"TR_audio","segment_outputs":[{{HlsJson}}]}""",
            calls[0].Body.GetRawText());
        Assert.Equal(
            $$"""{"room_name":"{{_room}}","video_track_id":"TR_video","segment_outputs":[{"protocol":"HLS_PROTOCOL","filename_prefix":"live/s1/seg","playlist_name":"live/s1/index.m3u8","live_playlist_name":"live/s1/live.m3u8","segment_duration":1}]}""",
            calls[1].Body.GetRawText());
        await Assert.ThrowsAsync<ArgumentException>(() => Client.StartTrackCompositeHlsAsync(_room, null, "", Hls));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ListAndStopReadTheFakesAnswersInEitherSpelling(bool protoNames)
    {
        _livekit.UseProtoNames = protoNames;
        var first = await Client.StartRoomCompositeHlsAsync(_room, Hls);
        var second = await Client.StartRoomCompositeFileAsync(_room, new LiveKitFileOutput("r.mp4", S3));
        await Client.StartRoomCompositeHlsAsync(LiveKitRoomNames.ForSession(Guid.NewGuid()), Hls);
        _clock.Advance(TimeSpan.FromSeconds(3));
        var activeAt = _clock.GetUtcNow();
        _livekit.SetEgressStatus(first.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("live/s1/index.m3u8", "live/s1/live.m3u8", "s3://media/live/s1/index.m3u8", null, 5, 123_456, TimeSpan.FromSeconds(30))]);
        _clock.Advance(TimeSpan.FromSeconds(3));
        _livekit.SetEgressStatus(second.EgressId, FakeEgressStatus.Failed, error: "no encoder");

        var all = await Client.ListEgressAsync(_room, null, activeOnly: false);
        var active = await Client.ListEgressAsync(_room, null, activeOnly: true);
        var byId = await Client.ListEgressAsync(null, second.EgressId, activeOnly: false);

        Assert.Equal([first.EgressId, second.EgressId], all.Select(e => e.EgressId));
        var live = Assert.Single(active);
        Assert.Equal((first.EgressId, LiveKitEgressStatus.Active, activeAt, (DateTimeOffset?)null, activeAt),
            (live.EgressId, live.Status, live.StartedAt!.Value, live.EndedAt, live.UpdatedAt!.Value));
        Assert.Equal([new LiveKitSegmentsResult("live/s1/index.m3u8", "live/s1/live.m3u8", "s3://media/live/s1/index.m3u8", null, 5, 123_456,
            TimeSpan.FromSeconds(30))], live.Segments);
        var failed = Assert.Single(byId);
        Assert.Equal((LiveKitEgressStatus.Failed, "no encoder", _room), (failed.Status, failed.Error, failed.RoomName));
        Assert.Equal(_clock.GetUtcNow(), failed.EndedAt);
        var listCall = _livekit.Calls.Where(c => c.Method == "ListEgress").ToList();
        Assert.Equal($$"""{"room_name":"{{_room}}","active":false}""", listCall[0].Body.GetRawText());
        Assert.Equal($$"""{"room_name":"{{_room}}","active":true}""", listCall[1].Body.GetRawText());
        Assert.Equal($$"""{"egress_id":"{{second.EgressId}}","active":false}""", listCall[2].Body.GetRawText());
        Assert.All(listCall, AssertRecordToken);
    }

    [Fact]
    public async Task StopAnswersTheEndingEgressAndNullForOneAlreadyOverOrUnknown()
    {
        var running = await Client.StartRoomCompositeHlsAsync(_room, Hls);
        var over = await Client.StartRoomCompositeHlsAsync(_room, Hls);
        _livekit.SetEgressStatus(over.EgressId, FakeEgressStatus.Complete);

        var stopped = await Client.StopEgressAsync(running.EgressId);
        var again = await Client.StopEgressAsync(over.EgressId);
        var unknown = await Client.StopEgressAsync("EG_unknown");

        Assert.Equal((running.EgressId, LiveKitEgressStatus.Ending), (stopped!.EgressId, stopped.Status));
        Assert.Equal(FakeEgressStatus.Ending, _livekit.Egress(running.EgressId)!.Status);
        Assert.Null(again);
        Assert.Null(unknown);
        var stops = _livekit.Calls.Where(c => c.Method == "StopEgress").ToList();
        Assert.Equal($$"""{"egress_id":"{{running.EgressId}}"}""", stops[0].Body.GetRawText());
        Assert.All(stops, AssertRecordToken);
    }

    [Fact]
    public async Task TheFakeRefusesAnEgressCallWithoutRoomRecordAsLiveKitDoes()
    {
        var tokens = new LiveKitTokens(Options.Create(new LiveKitOptions { ApiKey = _livekit.ApiKey, ApiSecret = _livekit.ApiSecret }),
            TimeProvider.System);
        using var http = new HttpClient { BaseAddress = new Uri(_livekit.Url + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "twirp/livekit.Egress/ListEgress")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.IssueAdmin(new LiveKitAdminGrant(Room: null)));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.False(Assert.Single(_livekit.Calls).Authorized);
    }

    // One failure per test: the circuit breaker of a test's client would open after a few.
    [Fact]
    public async Task AStartThatFailsIsNotRetried()
    {
        _livekit.FailNext(FakeLiveKitFailure.Unavailable);
        var room = await Assert.ThrowsAsync<RoomcastException>(() => Client.StartRoomCompositeHlsAsync(_room, Hls));

        Assert.Equal((ErrorKind.Unavailable, "livekit_unavailable"), (room.Kind, room.Code));
        Assert.Equal("StartRoomCompositeEgress", Assert.Single(_livekit.Calls).Method);
        Assert.Empty(_livekit.Egresses);
    }

    [Fact]
    public async Task ATrackCompositeStartThatFailsIsNotRetried()
    {
        _livekit.FailNext(FakeLiveKitFailure.Internal);
        await Assert.ThrowsAsync<RoomcastException>(() => Client.StartTrackCompositeHlsAsync(_room, "TR_v", null, Hls));

        Assert.Equal("StartTrackCompositeEgress", Assert.Single(_livekit.Calls).Method);
    }

    [Fact]
    public async Task AListThatFailsOnceIsRetried()
    {
        var egress = await Client.StartRoomCompositeHlsAsync(_room, Hls);
        _livekit.FailNext(FakeLiveKitFailure.Unavailable);

        var list = await Client.ListEgressAsync(_room, null, activeOnly: true);

        Assert.Equal(egress.EgressId, Assert.Single(list).EgressId);
        Assert.Equal(["StartRoomCompositeEgress", "ListEgress", "ListEgress"], _livekit.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task AStopThatFailsOnceIsRetried()
    {
        var egress = await Client.StartRoomCompositeHlsAsync(_room, Hls);
        _livekit.FailNext(FakeLiveKitFailure.Internal);

        var stopped = await Client.StopEgressAsync(egress.EgressId);

        Assert.Equal(LiveKitEgressStatus.Ending, stopped!.Status);
        Assert.Equal(["StartRoomCompositeEgress", "StopEgress", "StopEgress"], _livekit.Calls.Select(c => c.Method));
    }

    [Fact]
    public async Task ARejectedStartIsNotUnavailable()
    {
        _livekit.FailNext(FakeLiveKitFailure.InvalidArgument);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Client.StartRoomCompositeHlsAsync(_room, Hls));
    }
}
