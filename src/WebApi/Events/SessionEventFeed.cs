using Roomcast.Events;

namespace Roomcast.WebApi.Events;

/// <summary>
/// This API node's subscription to one session's event hub: one observer for all of the node's clients of that
/// session, renewed while any is connected. The hub calls <see cref="OnEventAsync"/> one-way; handing the event to
/// each client is a non-blocking queue write.
/// </summary>
public sealed partial class SessionEventFeed : ISessionEventsObserver, IAsyncDisposable
{
    private readonly Guid _sessionId;
    private readonly ISessionEventsGrain _hub;
    private readonly ISessionEventsObserver _reference;
    private readonly SessionEventRelay _relay;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _renewals;

    internal SessionEventFeed(Guid sessionId, IGrainFactory grains, SessionEventRelay relay, ILogger logger)
    {
        _sessionId = sessionId;
        _hub = grains.GetGrain<ISessionEventsGrain>(sessionId);
        _reference = grains.CreateObjectReference<ISessionEventsObserver>(this);
        _relay = relay;
        _logger = logger;
    }

    internal async Task StartAsync()
    {
        await _hub.SubscribeAsync(_reference);
        _renewals = RenewAsync(_stop.Token);
    }

    /// <summary>Adds a client; null when the feed is closing (the caller makes a new one).</summary>
    internal EventSubscription? Add(int capacity)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested)
            {
                return null;
            }

            var subscription = new EventSubscription(this, capacity);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    internal void Remove(EventSubscription subscription)
    {
        bool last;
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
            last = _subscriptions.Count == 0;
            if (last)
            {
                _stop.Cancel();
            }
        }

        if (last)
        {
            _relay.Forget(_sessionId, this);
            _ = DisposeAsync().AsTask();
        }
    }

    public Task OnEventAsync(SessionEvent sessionEvent)
    {
        EventSubscription[] subscriptions;
        lock (_gate)
        {
            subscriptions = [.. _subscriptions];
        }

        var record = SseRecord.Of(sessionEvent);
        foreach (var subscription in subscriptions)
        {
            subscription.Offer(record);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _hub.UnsubscribeAsync(_reference);
        }
        catch (Exception e)
        {
            // The hub drops an observer that stops renewing anyway.
            LogUnsubscribeFailed(_logger, e, _sessionId);
        }

        if (_renewals is not null)
        {
            await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Grains.Events.SessionEventsGrain.RenewEvery);
        while (await TickAsync(timer, stop))
        {
            try
            {
                await _hub.SubscribeAsync(_reference);
            }
            catch (Exception e)
            {
                LogRenewFailed(_logger, e, _sessionId);
            }
        }
    }

    private static async Task<bool> TickAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: could not renew this node's event subscription; retrying")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Session {SessionId}: could not unsubscribe this node's event feed")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, Guid sessionId);
}
