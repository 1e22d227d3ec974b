using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>The dev-mode outbox: one process, lost on restart; grains append to it right after their write.</summary>
public sealed class InMemoryWebhookOutbox : IWebhookOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (WebhookEvent Event, bool Expanded)> _events = new(StringComparer.Ordinal);

    public bool WrittenWithGrainState => false;

    public Task AppendAsync(WebhookEvent webhookEvent)
    {
        lock (_gate)
        {
            _events.TryAdd(webhookEvent.Id, (webhookEvent, false));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<WebhookEvent>> ListUnexpandedAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            IReadOnlyList<WebhookEvent> pending = _events.Values.Where(e => !e.Expanded).Select(e => e.Event)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id, StringComparer.Ordinal).Take(limit).ToList();
            return Task.FromResult(pending);
        }
    }

    public Task MarkExpandedAsync(IReadOnlyCollection<string> eventIds)
    {
        lock (_gate)
        {
            foreach (var id in eventIds)
            {
                if (_events.TryGetValue(id, out var stored))
                {
                    _events[id] = stored with { Expanded = true };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<WebhookEvent?> GetAsync(string eventId)
    {
        lock (_gate)
        {
            return Task.FromResult(_events.TryGetValue(eventId, out var stored) ? stored.Event : null);
        }
    }
}
