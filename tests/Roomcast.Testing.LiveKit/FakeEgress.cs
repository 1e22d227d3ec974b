using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Roomcast.Testing.LiveKit;

/// <summary>
/// An egress as the fake keeps it (a snapshot: the fake replaces it on every change). <see cref="RequestKind"/> is the
/// proto name of the request that started it (<c>room_composite</c>, <c>track_composite</c>), <see cref="Request"/>
/// that request's JSON as the client sent it.
/// </summary>
public sealed record FakeEgress(
    string EgressId,
    string RoomName,
    string RequestKind,
    JsonElement Request,
    FakeEgressStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset UpdatedAt,
    string? Error,
    IReadOnlyList<FakeEgressFile> Files,
    IReadOnlyList<FakeEgressSegments> Segments)
{
    /// <summary>Starting, active or ending: what <c>ListEgress</c> with <c>active</c> answers.</summary>
    public bool IsActive => Status is FakeEgressStatus.Starting or FakeEgressStatus.Active or FakeEgressStatus.Ending;

    /// <summary>The status as LiveKit names it (<c>EGRESS_LIMIT_REACHED</c>).</summary>
    public string StatusName => "EGRESS_" + Status switch
    {
        FakeEgressStatus.LimitReached => "LIMIT_REACHED",
        var other => other.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// LiveKit's <c>EgressInfo</c> as protojson writes it by default: lowerCamelCase (proto names with
    /// <paramref name="protoNames"/>), int64 as strings, times in unix nanoseconds, zero values left out.
    /// </summary>
    public JsonObject ToJson(bool protoNames = false)
    {
        string N(string snake) => protoNames ? snake : Camel(snake);
        var json = new JsonObject
        {
            [N("egress_id")] = EgressId,
            [N("room_name")] = RoomName,
        };
        if (Status != FakeEgressStatus.Starting)
        {
            json["status"] = StatusName;
        }
        if (StartedAt is { } started)
        {
            json[N("started_at")] = Nanoseconds(started);
        }
        if (EndedAt is { } ended)
        {
            json[N("ended_at")] = Nanoseconds(ended);
        }
        json[N("updated_at")] = Nanoseconds(UpdatedAt);
        if (!string.IsNullOrEmpty(Error))
        {
            json["error"] = Error;
        }
        json[N(RequestKind)] = JsonNode.Parse(Request.GetRawText());
        if (Files.Count > 0)
        {
            json[N("file_results")] = new JsonArray(Files.Select(f => (JsonNode)FileJson(f)).ToArray());
        }
        if (Segments.Count > 0)
        {
            json[N("segment_results")] = new JsonArray(Segments.Select(s => (JsonNode)SegmentsJson(s, N)).ToArray());
        }
        return json;
    }

    private static JsonObject FileJson(FakeEgressFile file)
    {
        var json = new JsonObject { ["filename"] = file.Filename };
        if (file.Duration > TimeSpan.Zero)
        {
            json["duration"] = Int64(file.Duration.Ticks * TimeSpan.NanosecondsPerTick);
        }
        if (file.Size > 0)
        {
            json["size"] = Int64(file.Size);
        }
        if (!string.IsNullOrEmpty(file.Location))
        {
            json["location"] = file.Location;
        }
        return json;
    }

    private static JsonObject SegmentsJson(FakeEgressSegments s, Func<string, string> n)
    {
        var json = new JsonObject { [n("playlist_name")] = s.PlaylistName };
        if (!string.IsNullOrEmpty(s.LivePlaylistName))
        {
            json[n("live_playlist_name")] = s.LivePlaylistName;
        }
        if (s.Duration > TimeSpan.Zero)
        {
            json["duration"] = Int64(s.Duration.Ticks * TimeSpan.NanosecondsPerTick);
        }
        if (s.Size > 0)
        {
            json["size"] = Int64(s.Size);
        }
        if (!string.IsNullOrEmpty(s.PlaylistLocation))
        {
            json[n("playlist_location")] = s.PlaylistLocation;
        }
        if (!string.IsNullOrEmpty(s.LivePlaylistLocation))
        {
            json[n("live_playlist_location")] = s.LivePlaylistLocation;
        }
        if (s.SegmentCount > 0)
        {
            json[n("segment_count")] = Int64(s.SegmentCount);
        }
        return json;
    }

    internal static string Nanoseconds(DateTimeOffset t) => Int64((t - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick);

    private static string Int64(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
