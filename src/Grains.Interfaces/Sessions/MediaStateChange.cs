namespace Roomcast.Sessions;

/// <summary>
/// A host turning a camera or microphone on or off. <paramref name="OccurredAt"/> is set for a change LiveKit reported
/// (its event time): a report older than the source's last change is stale and changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.MediaStateChange")]
public sealed record MediaStateChange(
    [property: Id(0)] MediaKind Kind,
    [property: Id(1)] bool Enabled,
    [property: Id(2)] string? Device,
    [property: Id(3)] string? Name,
    [property: Id(4)] DateTimeOffset? OccurredAt = null);
