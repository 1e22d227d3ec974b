using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Roomcast.WebApi.Events;

/// <summary>The node's session feeds, one per session with connected clients, made on the first client and dropped after the last.</summary>
public sealed class SessionEventRelay(IGrainFactory grains, IOptions<EventStreamOptions> options, ILogger<SessionEventRelay> logger)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<SessionEventFeed>>> _feeds = new();

    public async Task<EventSubscription> SubscribeAsync(Guid sessionId)
    {
        while (true)
        {
            var lazy = _feeds.GetOrAdd(sessionId, id => new Lazy<Task<SessionEventFeed>>(() => StartFeedAsync(id)));
            SessionEventFeed feed;
            try
            {
                feed = await lazy.Value;
            }
            catch
            {
                _feeds.TryRemove(new KeyValuePair<Guid, Lazy<Task<SessionEventFeed>>>(sessionId, lazy));
                throw;
            }

            if (feed.Add(options.Value.ClientBuffer) is { } subscription)
            {
                return subscription;
            }

            // The feed closed between lookup and add (its last client just left): make a new one.
            _feeds.TryRemove(new KeyValuePair<Guid, Lazy<Task<SessionEventFeed>>>(sessionId, lazy));
        }
    }

    internal void Forget(Guid sessionId, SessionEventFeed feed)
    {
        if (_feeds.TryGetValue(sessionId, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully
            && ReferenceEquals(lazy.Value.Result, feed))
        {
            _feeds.TryRemove(new KeyValuePair<Guid, Lazy<Task<SessionEventFeed>>>(sessionId, lazy));
        }
    }

    private async Task<SessionEventFeed> StartFeedAsync(Guid sessionId)
    {
        var feed = new SessionEventFeed(sessionId, grains, this, logger);
        await feed.StartAsync();
        return feed;
    }
}
