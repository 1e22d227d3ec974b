using System.Threading.Channels;

namespace Roomcast.WebApi.Events;

/// <summary>One SSE client's queue of a session's events, fed by the node's <see cref="SessionEventFeed"/>.</summary>
public sealed class EventSubscription(SessionEventFeed feed, int capacity) : IDisposable
{
    private readonly Channel<SseRecord> _queue = Channel.CreateBounded<SseRecord>(new BoundedChannelOptions(capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Set when the client fell a whole buffer behind and was cut off.</summary>
    public bool Overrun { get; private set; }

    public ChannelReader<SseRecord> Events => _queue.Reader;

    /// <summary>Queues without waiting; a full queue ends this subscription, never the feed or other clients.</summary>
    internal void Offer(SseRecord record)
    {
        if (!_queue.Writer.TryWrite(record) && !Overrun)
        {
            Overrun = true;
            _queue.Writer.TryComplete();
        }
    }

    internal void End() => _queue.Writer.TryComplete();

    public void Dispose()
    {
        End();
        feed.Remove(this);
    }
}
