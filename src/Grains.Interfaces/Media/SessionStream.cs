namespace Roomcast.Media;

/// <summary>A session's media pipeline: its LiveKit room and its HLS egresses (the room composite and the host's webcam).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionStream")]
public sealed record SessionStream(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] string RoomName,
    [property: Id(2)] DateTimeOffset? RoomCreatedAt,
    [property: Id(3)] StreamEgress? Hls,
    [property: Id(4)] StreamEgress? Webcam,
    [property: Id(5)] DateTimeOffset? RoomFinishedAt);
