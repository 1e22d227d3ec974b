using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's Egress service over Twirp's JSON protocol: <c>POST {ApiUrl}/twirp/livekit.Egress/{Method}</c> with the
/// proto field names and a token whose only grant is <c>roomRecord</c> (what LiveKit checks for egress). Answers
/// (<c>EgressInfo</c>) are read by <see cref="LiveKitEgressInfoReader"/>.
/// </summary>
public sealed class LiveKitEgressServiceClient : ILiveKitEgressService
{
    private static readonly LiveKitAdminGrant RecordGrant =
        new(Room: null, RoomAdmin: false, RoomCreate: false, RoomList: false, RoomRecord: true);

    // LiveKit answers StopEgress of an egress that already ended with failed_precondition.
    private static readonly string[] GoneCodes = ["not_found", "failed_precondition"];

    private readonly LiveKitTwirpCaller _twirp;

    public LiveKitEgressServiceClient(HttpClient http, LiveKitTokens tokens, ILogger<LiveKitEgressServiceClient> logger)
    {
        _twirp = new LiveKitTwirpCaller(http, tokens, logger, "Egress");
    }

    public Task<LiveKitEgressInfo> StartRoomCompositeHlsAsync(string room, LiveKitSegmentsOutput output,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentNullException.ThrowIfNull(output);
        return StartAsync("StartRoomCompositeEgress", room, new JsonObject
        {
            ["room_name"] = room,
            ["segment_outputs"] = new JsonArray(SegmentsJson(output)),
        }, cancellationToken);
    }

    public Task<LiveKitEgressInfo> StartRoomCompositeFileAsync(string room, LiveKitFileOutput output,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(output.Filepath);
        var file = new JsonObject { ["file_type"] = "MP4", ["filepath"] = output.Filepath };
        if (output.S3 is { } s3)
        {
            file["s3"] = S3Json(s3);
        }
        return StartAsync("StartRoomCompositeEgress", room, new JsonObject
        {
            ["room_name"] = room,
            ["file_outputs"] = new JsonArray(file),
        }, cancellationToken);
    }

    public Task<LiveKitEgressInfo> StartTrackCompositeHlsAsync(string room, string? videoTrackSid, string? audioTrackSid,
        LiveKitSegmentsOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(room);
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrEmpty(videoTrackSid) && string.IsNullOrEmpty(audioTrackSid))
        {
            throw new ArgumentException("A track composite needs a video or an audio track.", nameof(videoTrackSid));
        }
        var body = new JsonObject { ["room_name"] = room };
        if (!string.IsNullOrEmpty(videoTrackSid))
        {
            body["video_track_id"] = videoTrackSid;
        }
        if (!string.IsNullOrEmpty(audioTrackSid))
        {
            body["audio_track_id"] = audioTrackSid;
        }
        body["segment_outputs"] = new JsonArray(SegmentsJson(output));
        return StartAsync("StartTrackCompositeEgress", room, body, cancellationToken);
    }

    public async Task<LiveKitEgressInfo?> StopEgressAsync(string egressId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(egressId);
        using var answer = await _twirp.CallAsync("StopEgress", new JsonObject { ["egress_id"] = egressId }, RecordGrant,
            retry: true, cancellationToken, GoneCodes);
        return answer is null ? null : Read("StopEgress", answer.RootElement);
    }

    public async Task<IReadOnlyList<LiveKitEgressInfo>> ListEgressAsync(string? room, string? egressId, bool activeOnly,
        CancellationToken cancellationToken = default)
    {
        var body = new JsonObject();
        if (!string.IsNullOrEmpty(room))
        {
            body["room_name"] = room;
        }
        if (!string.IsNullOrEmpty(egressId))
        {
            body["egress_id"] = egressId;
        }
        body["active"] = activeOnly;
        using var answer = await _twirp.CallAsync("ListEgress", body, RecordGrant, retry: true, cancellationToken);
        if (answer is null || !LiveKitJson.TryGet(answer.RootElement, "items", "items", out var items)
            || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        return items.EnumerateArray().Select(LiveKitEgressInfoReader.Read).OfType<LiveKitEgressInfo>().ToList();
    }

    /// <summary>Sent once: a retry after a lost answer would start a second egress.</summary>
    private async Task<LiveKitEgressInfo> StartAsync(string method, string room, JsonObject body, CancellationToken cancellationToken)
    {
        using var answer = await _twirp.CallAsync(method, body, RecordGrant, retry: false, cancellationToken);
        return answer is null ? throw LiveKitTwirpCaller.NotFound(method, $"room {room}") : Read(method, answer.RootElement);
    }

    private LiveKitEgressInfo Read(string method, JsonElement answer) =>
        LiveKitEgressInfoReader.Read(answer) ?? throw _twirp.Unavailable(method, "answered without an egress id");

    private static JsonObject SegmentsJson(LiveKitSegmentsOutput output)
    {
        ArgumentException.ThrowIfNullOrEmpty(output.FilenamePrefix);
        ArgumentException.ThrowIfNullOrEmpty(output.PlaylistName);
        var json = new JsonObject
        {
            ["protocol"] = "HLS_PROTOCOL",
            ["filename_prefix"] = output.FilenamePrefix,
            ["playlist_name"] = output.PlaylistName,
        };
        if (!string.IsNullOrEmpty(output.LivePlaylistName))
        {
            json["live_playlist_name"] = output.LivePlaylistName;
        }
        // uint32 seconds; LiveKit's default (0) is 4 s, so a sub-second duration is sent as 1 rather than as the default.
        json["segment_duration"] = (uint)Math.Max(1, Math.Round(output.SegmentDuration.TotalSeconds, MidpointRounding.AwayFromZero));
        if (output.S3 is { } s3)
        {
            json["s3"] = S3Json(s3);
        }
        return json;
    }

    private static JsonObject S3Json(LiveKitS3Upload s3)
    {
        ArgumentException.ThrowIfNullOrEmpty(s3.Bucket);
        var json = new JsonObject { ["access_key"] = s3.AccessKey, ["secret"] = s3.Secret };
        if (!string.IsNullOrEmpty(s3.Region))
        {
            json["region"] = s3.Region;
        }
        if (!string.IsNullOrEmpty(s3.Endpoint))
        {
            json["endpoint"] = s3.Endpoint;
        }
        json["bucket"] = s3.Bucket;
        json["force_path_style"] = s3.ForcePathStyle;
        return json;
    }
}
