using Roomcast.Sessions;

namespace Roomcast.Audience;

/// <summary>
/// LiveKit reports that a person joined the session's room at <paramref name="OccurredAt"/> (LiveKit's clock), with
/// what the API read about the session: the audience counts them present, reopening their visit if it was closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.RoomArrival")]
public sealed record RoomArrival(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AttendeeRole Role,
    [property: Id(3)] SessionState SessionState,
    [property: Id(4)] DateTimeOffset OccurredAt);
