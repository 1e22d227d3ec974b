namespace Roomcast.Media;

/// <summary>
/// What LiveKit said about one egress of a session's room, from a webhook or from its Egress service: grains apply a
/// report only when it is newer (<see cref="UpdatedAt"/>) than the last one they applied, so reports may arrive in any order.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.EgressReport")]
public sealed record EgressReport(
    [property: Id(0)] string EgressId,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] EgressPhase Phase,
    [property: Id(3)] DateTimeOffset UpdatedAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? EndedAt,
    [property: Id(6)] string? Error,
    [property: Id(7)] EgressFile? File,
    [property: Id(8)] EgressSegments? Segments)
{
    /// <summary>The egress is over, for good or ill.</summary>
    public bool IsOver => Phase.IsOver();
}
