namespace Roomcast.Media;

/// <summary>
/// One HLS egress of a session as Roomcast last knew it. <see cref="LastProgressAt"/> is when its segment count last
/// grew (the age of the newest segment, as near as LiveKit's reports tell).
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StreamEgress")]
public sealed record StreamEgress(
    [property: Id(0)] string EgressId,
    [property: Id(1)] EgressPhase Phase,
    [property: Id(2)] DateTimeOffset RequestedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] DateTimeOffset? LastProgressAt,
    [property: Id(7)] EgressSegments? Segments,
    [property: Id(8)] string? Error,
    [property: Id(9)] string PlaylistPath)
{
    public bool IsRunning => Phase is EgressPhase.Starting or EgressPhase.Active;
}
