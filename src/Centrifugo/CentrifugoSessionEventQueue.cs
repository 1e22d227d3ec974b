using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Roomcast.Events;

namespace Roomcast.Centrifugo;

/// <summary>
/// Session events on their way to Centrifugo, handed over by the event hub grain without waiting: a bounded queue per
/// silo drained by <see cref="CentrifugoPublishingService"/>. Full, it drops the new event and counts it (at most once,
/// best effort: Centrifugo is a fan-out, the built-in stream and the resources stay the truth).
/// </summary>
public sealed class CentrifugoSessionEventQueue
{
    public const string MeterName = "Roomcast.Centrifugo";

    private readonly Channel<CentrifugoPublication>? _queue;
    private readonly CentrifugoOptions _options;
    private readonly Counter<long> _dropped;
    private long _droppedTotal;

    public CentrifugoSessionEventQueue(IOptions<CentrifugoOptions> options, IMeterFactory meters)
    {
        _options = options.Value;
        _dropped = meters.Create(MeterName).CreateCounter<long>("roomcast.centrifugo.publications.dropped",
            description: "Session events not published to Centrifugo because its queue was full");
        if (_options.PublishingEnabled)
        {
            _queue = Channel.CreateBounded<CentrifugoPublication>(new BoundedChannelOptions(_options.QueueCapacity)
            {
                SingleReader = true,
                FullMode = BoundedChannelFullMode.Wait, // with TryWrite: a full queue refuses, and we count
            });
        }
    }

    /// <summary>Whether events are published at all (<c>Centrifugo:ApiUrl</c> is set).</summary>
    public bool Enabled => _queue is not null;

    /// <summary>How many events were dropped for a full queue since start.</summary>
    public long Dropped => Interlocked.Read(ref _droppedTotal);

    /// <summary>Hands the event over without waiting; false when publishing is off or the queue is full (then it is counted).</summary>
    public bool Offer(Guid sessionId, SessionEvent published)
    {
        if (_queue is null)
        {
            return false;
        }

        if (_queue.Writer.TryWrite(new CentrifugoPublication(_options.SessionChannel(sessionId), published)))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
        return false;
    }

    internal ChannelReader<CentrifugoPublication>? Reader => _queue?.Reader;

    internal void Complete() => _queue?.Writer.TryComplete();
}

/// <summary>One event for one channel; its payload is built by the drainer, off the grain's turn.</summary>
internal sealed record CentrifugoPublication(string Channel, SessionEvent Event)
{
    /// <summary><c>{id, type, data, at}</c>: the event's data as JSON when it is JSON (it always is for Roomcast's events), else as a string.</summary>
    public JsonNode Payload()
    {
        JsonNode? data;
        try
        {
            data = JsonNode.Parse(Event.Data);
        }
        catch (JsonException)
        {
            data = JsonValue.Create(Event.Data);
        }

        return new JsonObject
        {
            ["id"] = Event.Id,
            ["type"] = Event.Type,
            ["data"] = data,
            ["at"] = Event.At.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
