namespace Roomcast.Audience;

/// <summary>A person leaving a session at <see cref="At"/> (or last seen then).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AttendanceDeparture")]
public sealed record AttendanceDeparture(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] DateTimeOffset At);
