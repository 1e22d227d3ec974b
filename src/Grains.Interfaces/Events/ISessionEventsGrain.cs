namespace Roomcast.Events;

/// <summary>
/// The live event hub of one session (key = session id): gives each published event an id, keeps a bounded replay
/// window, and hands events to the subscribed API nodes' observers without waiting on them. Events are a view of
/// what the session's grains have already stored; the hub stores nothing durable.
/// </summary>
[Alias("Roomcast.ISessionEventsGrain")]
public interface ISessionEventsGrain : IGrainWithGuidKey
{
    [Alias("Publish")]
    Task<SessionEvent> PublishAsync(SessionEventDraft draft);

    /// <summary>
    /// The events after <paramref name="lastEventId"/>, oldest first; null when that id is not in the replay window
    /// (too old, or from before the hub was re-activated): the client must reload.
    /// </summary>
    [Alias("GetSince")]
    Task<IReadOnlyList<SessionEvent>?> GetSinceAsync(string lastEventId);

    /// <summary>Adds (or renews) an observer; it is dropped if not renewed within the hub's expiry.</summary>
    [Alias("Subscribe")]
    Task SubscribeAsync(ISessionEventsObserver observer);

    [Alias("Unsubscribe")]
    Task UnsubscribeAsync(ISessionEventsObserver observer);
}
