using Roomcast.Audience;
using Roomcast.Sessions;

namespace Roomcast.Webhooks;

/// <summary>
/// A verified LiveKit participant event about a session's room, with what the API read about the session (the
/// person's role in it, its state): the effect to apply once per event id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.LiveKitParticipantEvent")]
public sealed record LiveKitParticipantEvent(
    [property: Id(0)] LiveKitParticipantEventKind Kind,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] Guid UserId,
    [property: Id(3)] string DisplayName,
    [property: Id(4)] AttendeeRole Role,
    [property: Id(5)] SessionState SessionState,
    [property: Id(6)] DateTimeOffset OccurredAt);
