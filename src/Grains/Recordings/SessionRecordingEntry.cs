namespace Roomcast.Grains.Recordings;

/// <summary>A recording of the session and the egress making it (null until LiveKit accepted the start).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionRecordingEntry")]
public sealed record SessionRecordingEntry(
    [property: Id(0)] Guid RecordingId,
    [property: Id(1)] string? EgressId);
