namespace Roomcast.Sessions;

/// <summary>A user holding a session role (co-host or moderator); a user holds at most one.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionParticipant")]
public sealed record SessionParticipant(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] SessionRole Role,
    [property: Id(2)] DateTimeOffset AddedOn);
