namespace Roomcast.Reminders;

/// <summary>
/// Who asked to be reminded of a room's sessions, kept out of grain state because a room can gather thousands:
/// PostgreSQL rows in cluster mode, memory in dev mode. Subscribing and unsubscribing are idempotent. Subscribers
/// are listed in one fixed order of user ids (that of PostgreSQL's <c>uuid</c>, see <see cref="SubscriberOrder"/>),
/// which the fan-out of a notification pages through. Failures surface as <c>StorageUnavailableException</c>.
/// </summary>
public interface IRoomSubscriberLog
{
    /// <summary>Subscribes the user; a second call keeps the first subscription (and its time) and returns it.</summary>
    Task<RoomSubscription> SubscribeAsync(Guid roomId, Guid userId, DateTimeOffset at);

    /// <summary>Removes the subscription; returns whether there was one.</summary>
    Task<bool> UnsubscribeAsync(Guid roomId, Guid userId);

    /// <summary>The user's subscription to the room, or null.</summary>
    Task<RoomSubscription?> GetAsync(Guid roomId, Guid userId);

    /// <summary>
    /// At most <paramref name="limit"/> subscriber ids in <see cref="SubscriberOrder"/>, after <paramref name="after"/>
    /// (exclusive; null = from the first) and up to <paramref name="through"/> (inclusive; null = no upper bound).
    /// </summary>
    Task<IReadOnlyList<Guid>> ListSubscriberIdsAsync(Guid roomId, Guid? after, Guid? through, int limit);
}
