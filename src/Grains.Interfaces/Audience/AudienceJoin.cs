using Roomcast.Sessions;

namespace Roomcast.Audience;

/// <summary>
/// A person asking to join, with what the API read about the session when it authorized them: the grain admits
/// against these and its own bans, capacity and end.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.AudienceJoin")]
public sealed record AudienceJoin(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] AttendeeRole Role,
    [property: Id(3)] SessionState SessionState,
    [property: Id(4)] int? MaxViewers);
