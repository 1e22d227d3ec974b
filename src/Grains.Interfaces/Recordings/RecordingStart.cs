namespace Roomcast.Recordings;

/// <summary>Who starts a recording of a session, and its title (null: the session's name and the start time).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.RecordingStart")]
public sealed record RecordingStart(
    [property: Id(0)] Guid StartedBy,
    [property: Id(1)] string? Title);
