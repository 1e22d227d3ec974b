using System.Text.Json;
using static Roomcast.LiveKit.LiveKitJson;

namespace Roomcast.LiveKit;

/// <summary>
/// Reads LiveKit's <c>EgressInfo</c> wherever it appears (Egress service answers, webhook <c>egressInfo</c>): either
/// spelling, int64 as string or number, enums as names or numbers, times in unix nanoseconds.
/// </summary>
internal static class LiveKitEgressInfoReader
{
    // EgressStatus in the order of livekit_egress.proto; unpopulated is 0, EGRESS_STARTING.
    private static readonly string[] StatusNames =
    [
        "EGRESS_STARTING", "EGRESS_ACTIVE", "EGRESS_ENDING", "EGRESS_COMPLETE", "EGRESS_FAILED", "EGRESS_ABORTED",
        "EGRESS_LIMIT_REACHED",
    ];

    private static readonly (string Snake, string Camel, LiveKitEgressKind Kind)[] Requests =
    [
        ("room_composite", "roomComposite", LiveKitEgressKind.RoomComposite),
        ("track_composite", "trackComposite", LiveKitEgressKind.TrackComposite),
        ("track", "track", LiveKitEgressKind.Track),
        ("participant", "participant", LiveKitEgressKind.Participant),
        ("web", "web", LiveKitEgressKind.Web),
    ];

    /// <summary>The egress in <paramref name="info"/>; null when it is not an object with an <c>egress_id</c>.</summary>
    public static LiveKitEgressInfo? Read(JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object || ReadString(info, "egress_id", "egressId") is not { Length: > 0 } egressId)
        {
            return null;
        }
        return new LiveKitEgressInfo(
            egressId,
            ReadString(info, "room_name", "roomName") ?? "",
            ReadStatus(info),
            Requests.FirstOrDefault(r => TryGet(info, r.Snake, r.Camel, out _)).Kind,
            Time(info, "started_at", "startedAt"),
            Time(info, "ended_at", "endedAt"),
            Time(info, "updated_at", "updatedAt"),
            ReadString(info, "error", "error") is { Length: > 0 } error ? error : null,
            ReadFiles(info),
            ReadSegments(info),
            ReadOutputs(info));
    }

    /// <summary>The outputs the echoed request asked for, in its current (<c>*_outputs</c>) or older (single) form.</summary>
    private static LiveKitEgressOutputs ReadOutputs(JsonElement info)
    {
        var outputs = LiveKitEgressOutputs.None;
        foreach (var (snake, camel, _) in Requests)
        {
            if (!TryGet(info, snake, camel, out var request) || request.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            if (Objects(request, "file_outputs", "fileOutputs").Count > 0
                || TryGet(request, "file", "file", out var file) && file.ValueKind == JsonValueKind.Object)
            {
                outputs |= LiveKitEgressOutputs.File;
            }
            if (Objects(request, "segment_outputs", "segmentOutputs").Count > 0
                || TryGet(request, "segments", "segments", out var segments) && segments.ValueKind == JsonValueKind.Object)
            {
                outputs |= LiveKitEgressOutputs.Segments;
            }
        }
        return outputs;
    }

    private static LiveKitEgressStatus ReadStatus(JsonElement info) =>
        ReadEnum(info, "status", "status", StatusNames) switch
        {
            null or "EGRESS_STARTING" => LiveKitEgressStatus.Starting,
            "EGRESS_ACTIVE" => LiveKitEgressStatus.Active,
            "EGRESS_ENDING" => LiveKitEgressStatus.Ending,
            "EGRESS_COMPLETE" => LiveKitEgressStatus.Complete,
            "EGRESS_FAILED" => LiveKitEgressStatus.Failed,
            "EGRESS_ABORTED" => LiveKitEgressStatus.Aborted,
            "EGRESS_LIMIT_REACHED" => LiveKitEgressStatus.LimitReached,
            _ => LiveKitEgressStatus.Unknown,
        };

    // file_results replaced the single `file` (deprecated, still filled by older servers); read whichever is there.
    private static IReadOnlyList<LiveKitFileResult> ReadFiles(JsonElement info)
    {
        var files = Objects(info, "file_results", "fileResults");
        if (files.Count == 0 && TryGet(info, "file", "file", out var file) && file.ValueKind == JsonValueKind.Object)
        {
            files = [file];
        }
        return files.Select(f => new LiveKitFileResult(
                ReadString(f, "filename", "filename") ?? "",
                ReadString(f, "location", "location") is { Length: > 0 } location ? location : null,
                ReadInt64(f, "size", "size") ?? 0,
                Nanoseconds(ReadInt64(f, "duration", "duration"))))
            .ToList();
    }

    private static IReadOnlyList<LiveKitSegmentsResult> ReadSegments(JsonElement info)
    {
        var segments = Objects(info, "segment_results", "segmentResults");
        if (segments.Count == 0 && TryGet(info, "segments", "segments", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            segments = [single];
        }
        return segments.Select(s => new LiveKitSegmentsResult(
                NonEmpty(s, "playlist_name", "playlistName"),
                NonEmpty(s, "live_playlist_name", "livePlaylistName"),
                NonEmpty(s, "playlist_location", "playlistLocation"),
                NonEmpty(s, "live_playlist_location", "livePlaylistLocation"),
                ReadInt64(s, "segment_count", "segmentCount") ?? 0,
                ReadInt64(s, "size", "size") ?? 0,
                Nanoseconds(ReadInt64(s, "duration", "duration"))))
            .ToList();
    }

    private static List<JsonElement> Objects(JsonElement parent, string snake, string camel) =>
        TryGet(parent, snake, camel, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [];

    private static string? NonEmpty(JsonElement obj, string snake, string camel) =>
        ReadString(obj, snake, camel) is { Length: > 0 } text ? text : null;

    private static TimeSpan Nanoseconds(long? ns) => ns is > 0 ? TimeSpan.FromTicks(ns.Value / TimeSpan.NanosecondsPerTick) : TimeSpan.Zero;

    /// <summary>Unix nanoseconds; unset (0) and out of range are null.</summary>
    private static DateTimeOffset? Time(JsonElement obj, string snake, string camel)
    {
        var ns = ReadInt64(obj, snake, camel);
        if (ns is not > 0)
        {
            return null;
        }
        var ticks = ns.Value / TimeSpan.NanosecondsPerTick;
        return ticks <= (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks ? DateTimeOffset.UnixEpoch.AddTicks(ticks) : null;
    }
}
