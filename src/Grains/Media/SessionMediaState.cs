using Roomcast.Media;

namespace Roomcast.Grains.Media;

/// <summary>What a session's media grain stores: whether it made the LiveKit room, and its HLS egresses.</summary>
[GenerateSerializer, Alias("Roomcast.SessionMediaState")]
public sealed record SessionMediaState
{
    [Id(0)] public DateTimeOffset? RoomCreatedAt { get; init; }

    [Id(1)] public StreamEgress? Hls { get; init; }

    [Id(2)] public StreamEgress? Webcam { get; init; }

    /// <summary>LiveKit's time of the last room event applied: an older one arriving late changes nothing.</summary>
    [Id(3)] public DateTimeOffset? RoomEventAt { get; init; }

    [Id(4)] public DateTimeOffset? RoomFinishedAt { get; init; }
}
