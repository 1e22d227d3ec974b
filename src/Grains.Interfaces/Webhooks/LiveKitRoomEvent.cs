namespace Roomcast.Webhooks;

/// <summary>LiveKit opened or closed the session's room (LiveKit's time).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.LiveKitRoomEvent")]
public sealed record LiveKitRoomEvent(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] bool Finished,
    [property: Id(2)] DateTimeOffset OccurredAt);
