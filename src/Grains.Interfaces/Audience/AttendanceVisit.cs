namespace Roomcast.Audience;

/// <summary>A person arriving in a session at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AttendanceVisit")]
public sealed record AttendanceVisit(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] AttendeeRole Role,
    [property: Id(4)] DateTimeOffset At);
