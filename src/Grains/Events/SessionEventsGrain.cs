using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Roomcast.Events;

namespace Roomcast.Grains.Events;

/// <summary>
/// One session's event hub, in memory only: ids are <c>{epoch}-{sequence}</c>, the epoch being this activation's start,
/// so an id from a lost activation is recognised as such (the client reloads) instead of being confused with a new one.
/// </summary>
public sealed class SessionEventsGrain(TimeProvider clock, ILogger<SessionEventsGrain> logger) : Grain, ISessionEventsGrain
{
    /// <summary>How many events a reconnecting client can catch up on.</summary>
    public const int ReplayWindow = 1000;

    /// <summary>An observer not renewed for this long is dropped (API nodes renew every <see cref="RenewEvery"/>).</summary>
    public static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    private readonly Queue<(SessionEvent Event, string? Key)> _replay = new();
    private readonly string _epoch = clock.GetUtcNow().UtcTicks.ToString(CultureInfo.InvariantCulture);
    private long _sequence;

    /// <summary>The last sequence that left the window for its size (not by retraction): a client behind it must reload.</summary>
    private long _droppedBeyond;

    private ObserverManager<ISessionEventsObserver> Observers { get; } = new(ObserverExpiry, logger);

    public Task<SessionEvent> PublishAsync(SessionEventDraft draft)
    {
        var published = new SessionEvent($"{_epoch}-{++_sequence}", draft.Type, draft.Data, clock.GetUtcNow(), draft.Subject);
        if (draft.Retracts is { } retracted)
        {
            // Rare (a deleted chat message): the window is rebuilt without what the retracted events showed.
            var kept = _replay.Where(e => e.Key != retracted).ToList();
            _replay.Clear();
            kept.ForEach(_replay.Enqueue);
        }

        _replay.Enqueue((published, draft.Key));
        while (_replay.Count > ReplayWindow)
        {
            _droppedBeyond = SequenceOf(_replay.Dequeue().Event);
        }

        // One-way calls, one per subscribed API node: nothing here waits on a client.
        Observers.Notify(observer => observer.OnEventAsync(published));
        return Task.FromResult(published);
    }

    public Task<IReadOnlyList<SessionEvent>?> GetSinceAsync(string lastEventId)
    {
        var dash = lastEventId.LastIndexOf('-');
        if (dash <= 0 || lastEventId[..dash] != _epoch
            || !long.TryParse(lastEventId.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seen)
            || seen > _sequence)
        {
            return Task.FromResult<IReadOnlyList<SessionEvent>?>(null);
        }

        // An event after the client's has left the window for its size: what it missed is no longer whole.
        if (_droppedBeyond > seen)
        {
            return Task.FromResult<IReadOnlyList<SessionEvent>?>(null);
        }

        // The window's sequences rise with gaps where events were retracted: compare them, never count positions.
        return Task.FromResult<IReadOnlyList<SessionEvent>?>(_replay.Select(e => e.Event).Where(e => SequenceOf(e) > seen).ToList());
    }

    private static long SequenceOf(SessionEvent sessionEvent) =>
        long.Parse(sessionEvent.Id.AsSpan(sessionEvent.Id.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

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
