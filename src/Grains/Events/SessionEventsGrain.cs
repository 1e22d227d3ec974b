using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Roomcast.Centrifugo;
using Roomcast.Events;

namespace Roomcast.Grains.Events;

/// <summary>
/// One session's event hub, in memory only: ids are <c>{epoch}-{sequence}</c>, the epoch being this activation's start,
/// so an id from a lost activation is recognised as such (the client reloads) instead of being confused with a new one.
/// </summary>
public sealed class SessionEventsGrain(TimeProvider clock, CentrifugoSessionEventQueue centrifugo, ILogger<SessionEventsGrain> logger)
    : Grain, ISessionEventsGrain
{
    /// <summary>How many events a reconnecting client can catch up on.</summary>
    public const int ReplayWindow = 1000;

    /// <summary>An observer not renewed for this long is dropped (API nodes renew every <see cref="RenewEvery"/>).</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private readonly Queue<(SessionEvent Event, long Sequence, string? Key)> _replay = new();
    private readonly string _epoch = clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
    private long _sequence;

    /// <summary>The last sequence that left the window for its size (not by retraction): a client behind it must reload.</summary>
    private long _droppedBeyond;

    private ObserverManager<ISessionEventsObserver> Observers { get; } = new(ObserverExpiry, logger);

    public Task<SessionEvent> PublishAsync(SessionEventDraft draft)
    {
        var id = new SessionEventId(_epoch, ++_sequence);
        var published = new SessionEvent(id.ToString(), draft.Type, draft.Data, clock.GetUtcNow(), draft.Subject);
        if (draft.Retracts is { } retracted)
        {
            // Rare (a deleted chat message): the window is rebuilt without what the retracted events showed.
            var kept = _replay.Where(e => e.Key != retracted).ToList();
            _replay.Clear();
            kept.ForEach(_replay.Enqueue);
        }

        _replay.Enqueue((published, id.Sequence, draft.Key));
        while (_replay.Count > ReplayWindow)
        {
            _droppedBeyond = _replay.Dequeue().Sequence;
        }

        // One-way calls, one per subscribed API node: nothing here waits on a client.
        Observers.Notify(observer => observer.OnEventAsync(published));

        // The same event for Centrifugo's subscribers: handed to this silo's queue, never awaited in this turn.
        centrifugo.Offer(this.GetPrimaryKey(), published);

        // Without this, every session that expires unwatched would activate its hub for the collection age: at
        // 100,000 deadlines a minute, ~8 KB each promoted to gen2 and the longest GC pauses of the deadline run.
        if (draft.SessionOver && Observers.Count == 0)
        {
            this.DeactivateOnIdle();
        }

        return Task.FromResult(published);
    }

    public Task<IReadOnlyList<SessionEvent>?> GetSinceAsync(string lastEventId)
    {
        // Another activation's id, one not yet given, or one after which an event has left the window for its size:
        // what the client missed is no longer whole.
        if (SessionEventId.Parse(lastEventId) is not { } seen || seen.Epoch != _epoch || seen.Sequence > _sequence
            || _droppedBeyond > seen.Sequence)
        {
            return Task.FromResult<IReadOnlyList<SessionEvent>?>(null);
        }

        // The window's sequences rise with gaps where events were retracted: compare them, never count positions.
        return Task.FromResult<IReadOnlyList<SessionEvent>?>(_replay.Where(e => e.Sequence > seen.Sequence).Select(e => e.Event).ToList());
    }

    public Task SubscribeAsync(ISessionEventsObserver observer)
    {
        Observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ISessionEventsObserver observer)
    {
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
