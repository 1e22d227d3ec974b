namespace Roomcast.Reminders;

/// <summary>One person's request to be reminded of a room's sessions.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.RoomSubscription")]
public sealed record RoomSubscription(
    [property: Id(0)] Guid RoomId,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] DateTimeOffset SubscribedAt);
