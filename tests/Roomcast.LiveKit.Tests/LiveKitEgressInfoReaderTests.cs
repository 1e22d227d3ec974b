using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Roomcast.Testing.LiveKit;

namespace Roomcast.LiveKit.Tests;

/// <summary>EgressInfo as the Egress service and webhooks carry it: both spellings, numbers for enums, nanosecond times.</summary>
public sealed class LiveKitEgressInfoReaderTests
{
    private static readonly DateTimeOffset Started = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(1_234_567);

    private static LiveKitEgressInfo? Read(string json) => LiveKitEgressInfoReader.Read(JsonDocument.Parse(json).RootElement);

    private static string Ns(DateTimeOffset t) => ((t - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("""{"egress_id":"EG_1","room_composite":{"room_name":"r","file_outputs":[{"filepath":"/out/a.mp4"}]}}""", LiveKitEgressOutputs.File)]
    [InlineData("""{"egressId":"EG_1","roomComposite":{"roomName":"r","segmentOutputs":[{"filenamePrefix":"/out/s"}]}}""", LiveKitEgressOutputs.Segments)]
    [InlineData("""{"egress_id":"EG_1","track_composite":{"room_name":"r","segments":{"filename_prefix":"/out/s"}}}""", LiveKitEgressOutputs.Segments)]
    [InlineData("""{"egress_id":"EG_1","room_composite":{"room_name":"r","file":{"filepath":"/out/a.mp4"}}}""", LiveKitEgressOutputs.File)]
    [InlineData("""{"egress_id":"EG_1","room_composite":{"room_name":"r","file_outputs":[{}],"segment_outputs":[{}]}}""", LiveKitEgressOutputs.File | LiveKitEgressOutputs.Segments)]
    [InlineData("""{"egress_id":"EG_1","room_name":"r"}""", LiveKitEgressOutputs.None)]
    public void TheEchoedRequestSaysWhetherTheEgressWritesAFileOrHlsSegments(string json, LiveKitEgressOutputs expected) =>
        Assert.Equal(expected, Read(json)!.Outputs);

    [Fact]
    public void SnakeCaseWithNumbersAndCamelCaseWithStringsReadTheSame()
    {
        var ns = Ns(Started);
        var snake = Read($$"""
            {"egress_id":"EG_1","room_name":"session-x","status":4,"started_at":{{ns}},"ended_at":"{{ns}}","updated_at":{{ns}},
             "error":"boom","track_composite":{"room_name":"session-x"},
             "file_results":[{"filename":"a.mp4","location":"s3://b/a.mp4","size":2048,"duration":1500000000}],
             "segment_results":[{"playlist_name":"i.m3u8","live_playlist_name":"l.m3u8","playlist_location":"s3://b/i.m3u8",
               "live_playlist_location":"s3://b/l.m3u8","segment_count":7,"size":"4096","duration":"42000000000"}]}
            """)!;
        var camel = Read($$"""
            {"egressId":"EG_1","roomName":"session-x","status":"EGRESS_FAILED","startedAt":"{{ns}}","endedAt":"{{ns}}","updatedAt":"{{ns}}",
             "error":"boom","trackComposite":{"roomName":"session-x"},
             "fileResults":[{"filename":"a.mp4","location":"s3://b/a.mp4","size":"2048","duration":"1500000000"}],
             "segmentResults":[{"playlistName":"i.m3u8","livePlaylistName":"l.m3u8","playlistLocation":"s3://b/i.m3u8",
               "livePlaylistLocation":"s3://b/l.m3u8","segmentCount":"7","size":"4096","duration":"42000000000"}]}
            """)!;

        foreach (var info in new[] { snake, camel })
        {
            Assert.Equal(("EG_1", "session-x", LiveKitEgressStatus.Failed, LiveKitEgressKind.TrackComposite, "boom"),
                (info.EgressId, info.RoomName, info.Status, info.Kind, info.Error));
            Assert.Equal((Started, Started, Started), (info.StartedAt!.Value, info.EndedAt!.Value, info.UpdatedAt!.Value));
            Assert.Equal([new LiveKitFileResult("a.mp4", "s3://b/a.mp4", 2048, TimeSpan.FromSeconds(1.5))], info.Files);
            Assert.Equal([new LiveKitSegmentsResult("i.m3u8", "l.m3u8", "s3://b/i.m3u8", "s3://b/l.m3u8", 7, 4096, TimeSpan.FromSeconds(42))],
                info.Segments);
        }
    }

    [Theory]
    [InlineData("", LiveKitEgressStatus.Starting)]
    [InlineData(""","status":0""", LiveKitEgressStatus.Starting)]
    [InlineData(""","status":1""", LiveKitEgressStatus.Active)]
    [InlineData(""","status":2""", LiveKitEgressStatus.Ending)]
    [InlineData(""","status":3""", LiveKitEgressStatus.Complete)]
    [InlineData(""","status":4""", LiveKitEgressStatus.Failed)]
    [InlineData(""","status":5""", LiveKitEgressStatus.Aborted)]
    [InlineData(""","status":6""", LiveKitEgressStatus.LimitReached)]
    [InlineData(""","status":7""", LiveKitEgressStatus.Unknown)]
    [InlineData(",\"status\":\"EGRESS_LIMIT_REACHED\"", LiveKitEgressStatus.LimitReached)]
    [InlineData(",\"status\":\"EGRESS_SOMETHING_NEW\"", LiveKitEgressStatus.Unknown)]
    public void StatusIsReadFromItsNameOrNumberAndUnsetIsStarting(string status, LiveKitEgressStatus expected) =>
        Assert.Equal(expected, Read($$"""{"egressId":"EG_1"{{status}}}""")!.Status);

    [Theory]
    [InlineData("roomComposite", LiveKitEgressKind.RoomComposite)]
    [InlineData("room_composite", LiveKitEgressKind.RoomComposite)]
    [InlineData("trackComposite", LiveKitEgressKind.TrackComposite)]
    [InlineData("track", LiveKitEgressKind.Track)]
    [InlineData("participant", LiveKitEgressKind.Participant)]
    [InlineData("web", LiveKitEgressKind.Web)]
    [InlineData("somethingElse", LiveKitEgressKind.Unknown)]
    public void TheKindIsTheRequestThatIsPresent(string request, LiveKitEgressKind expected) =>
        Assert.Equal(expected, Read($$$"""{"egressId":"EG_1","{{{request}}}":{}}""")!.Kind);

    [Fact]
    public void TheOlderSingleFileIsReadWhenThereAreNoFileResults()
    {
        var info = Read("""{"egressId":"EG_1","file":{"filename":"old.mp4","size":"10","duration":"2000000000"},"segments":{"playlistName":"p.m3u8"}}""")!;

        Assert.Equal([new LiveKitFileResult("old.mp4", null, 10, TimeSpan.FromSeconds(2))], info.Files);
        Assert.Equal("p.m3u8", Assert.Single(info.Segments).PlaylistName);
    }

    [Fact]
    public void UnsetTimesAndErrorsAreNullAndNoIdIsNoEgress()
    {
        var info = Read("""{"egressId":"EG_1","startedAt":"0","error":"","updatedAt":"99999999999999999999"}""")!;

        Assert.Equal((null, null, null, null), (info.StartedAt, info.EndedAt, info.UpdatedAt, info.Error));
        Assert.Empty(info.Files);
        Assert.Null(Read("""{"roomName":"session-x"}"""));
        Assert.Null(Read("[]"));
    }

    [Fact]
    public void AnEgressEndedWebhookFromTheFakeIsReadInFull()
    {
        var clock = new FakeTimeProvider(Started);
        var egress = new FakeEgress("EG_abc", "session-x", "room_composite", JsonDocument.Parse("""{"room_name":"session-x"}""").RootElement,
            FakeEgressStatus.Complete, Started, Started.AddMinutes(5), Started.AddMinutes(5).AddTicks(3), null,
            [new FakeEgressFile("rec.mp4", "s3://media/rec.mp4", 1_000_000, TimeSpan.FromMinutes(5))],
            [new FakeEgressSegments("index.m3u8", "live.m3u8", "s3://media/index.m3u8", "s3://media/live.m3u8", 75, 9_000_000, TimeSpan.FromMinutes(5))]);
        var createdAt = clock.GetUtcNow().AddMinutes(5);

        var body = LiveKitWebhookBodies.EgressEnded(egress, createdAt, id: "EV_1");
        var webhook = LiveKitWebhookEvent.TryParse(System.Text.Encoding.UTF8.GetBytes(body))!;

        Assert.Equal(("egress_ended", "EV_1", DateTimeOffset.FromUnixTimeSeconds(createdAt.ToUnixTimeSeconds())),
            (webhook.Event, webhook.Id, webhook.CreatedAt!.Value));
        var info = webhook.Egress!;
        Assert.Equal(("EG_abc", "session-x", LiveKitEgressStatus.Complete, LiveKitEgressKind.RoomComposite, (string?)null),
            (info.EgressId, info.RoomName, info.Status, info.Kind, info.Error));
        Assert.Equal((Started, Started.AddMinutes(5), Started.AddMinutes(5).AddTicks(3)),
            (info.StartedAt!.Value, info.EndedAt!.Value, info.UpdatedAt!.Value));
        Assert.Equal([new LiveKitFileResult("rec.mp4", "s3://media/rec.mp4", 1_000_000, TimeSpan.FromMinutes(5))], info.Files);
        Assert.Equal([new LiveKitSegmentsResult("index.m3u8", "live.m3u8", "s3://media/index.m3u8", "s3://media/live.m3u8", 75, 9_000_000,
            TimeSpan.FromMinutes(5))], info.Segments);
        // protojson: int64 as strings, times in nanoseconds, camelCase.
        var raw = JsonDocument.Parse(body).RootElement.GetProperty("egressInfo");
        Assert.Equal(Ns(Started), raw.GetProperty("startedAt").GetString());
        Assert.Equal("EGRESS_COMPLETE", raw.GetProperty("status").GetString());
        Assert.Equal("300000000000", raw.GetProperty("fileResults")[0].GetProperty("duration").GetString());
    }

    [Fact]
    public void TrackAndRoomWebhooksFromTheFakeAreRead()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_773_500_966);
        var published = LiveKitWebhookEvent.TryParse(System.Text.Encoding.UTF8.GetBytes(
            LiveKitWebhookBodies.TrackPublished("session-x", "user-1", new FakeTrack("TR_1", "VIDEO", "CAMERA", Muted: true), at)))!;
        var finished = LiveKitWebhookEvent.TryParse(System.Text.Encoding.UTF8.GetBytes(LiveKitWebhookBodies.RoomFinished("session-x", at, "RM_1")))!;

        Assert.Equal("track_published", published.Event);
        Assert.Equal(new LiveKitWebhookTrack("TR_1", "VIDEO", "CAMERA", Muted: true), published.Track);
        Assert.Equal(("user-1", "session-x"), (published.Participant!.Identity, published.Room!.Name));
        Assert.Equal(("room_finished", new LiveKitWebhookRoom("session-x", "RM_1"), at), (finished.Event, finished.Room, finished.CreatedAt!.Value));
        Assert.Null(finished.Egress);
    }
}
