namespace Roomcast.Audience;

/// <summary>A LiveKit token for the session's room and what it grants.</summary>
/// <param name="Rejoined">The person was present already: the same attendance record goes on.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.AudienceAdmission")]
public sealed record AudienceAdmission(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt,
    [property: Id(2)] string Url,
    [property: Id(3)] string Room,
    [property: Id(4)] string Identity,
    [property: Id(5)] AttendeeRole Role,
    [property: Id(6)] AudienceRights Rights,
    [property: Id(7)] bool Rejoined);
