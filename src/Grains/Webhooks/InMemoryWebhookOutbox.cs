using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>The dev-mode outbox: one process, lost on restart; grains append to it right after their write.</summary>
public sealed class InMemoryWebhookOutbox : IWebhookOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (WebhookEvent Event, bool Expanded)> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, WebhookDelivery> _deliveries = [];

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

    public Task AddDeliveriesAsync(WebhookEvent webhookEvent, IReadOnlyCollection<Guid> endpointIds, DateTimeOffset createdAt)
    {
        lock (_gate)
        {
            foreach (var endpointId in endpointIds.Distinct())
            {
                if (!_deliveries.Values.Any(d => d.EndpointId == endpointId && d.EventId == webhookEvent.Id))
                {
                    var id = Guid.CreateVersion7(createdAt);
                    _deliveries[id] = new WebhookDelivery(id, endpointId, webhookEvent.Id, webhookEvent.LibraryId,
                        WebhookDeliveryStatus.Pending, 0, createdAt, null, null, null, createdAt);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit)
    {
        lock (_gate)
        {
            var due = _deliveries.Values
                .Where(d => d.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Failed && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(limit).ToList();
            IReadOnlyList<DueWebhookDelivery> claimed = due.Select(d =>
            {
                var leased = d with { NextAttemptAt = now + lease };
                _deliveries[d.Id] = leased;
                return new DueWebhookDelivery(leased, _events[d.EventId].Event);
            }).ToList();
            return Task.FromResult(claimed);
        }
    }

    public Task RecordAttemptAsync(WebhookAttempt attempt)
    {
        lock (_gate)
        {
            if (_deliveries.TryGetValue(attempt.DeliveryId, out var d))
            {
                _deliveries[d.Id] = d with
                {
                    Status = attempt.Status, Attempts = d.Attempts + 1, NextAttemptAt = attempt.NextAttemptAt,
                    LastStatusCode = attempt.StatusCode, LastError = attempt.Error, LastAttemptAt = attempt.AttemptedAt,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> GetDeliveryAsync(Guid deliveryId)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliveries.GetValueOrDefault(deliveryId));
        }
    }

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(Guid endpointId, int limit, Guid? before = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        lock (_gate)
        {
            var newestFirst = _deliveries.Values.Where(d => d.EndpointId == endpointId)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToList();
            if (before is { } beforeId && _deliveries.TryGetValue(beforeId, out var cursor))
            {
                newestFirst = newestFirst.Where(d => (d.CreatedAt, d.Id).CompareTo((cursor.CreatedAt, cursor.Id)) < 0).ToList();
            }

            return Task.FromResult<IReadOnlyList<WebhookDelivery>>(newestFirst.Take(limit).ToList());
        }
    }

    public Task<bool> RedeliverAsync(Guid deliveryId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_deliveries.TryGetValue(deliveryId, out var d))
            {
                return Task.FromResult(false);
            }

            _deliveries[deliveryId] = d with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now };
            return Task.FromResult(true);
        }
    }

    public Task<DateTimeOffset?> LastDeliveredAtAsync(Guid endpointId)
    {
        lock (_gate)
        {
            return Task.FromResult(_deliveries.Values
                .Where(d => d.EndpointId == endpointId && d.Status == WebhookDeliveryStatus.Delivered)
                .Max(d => d.LastAttemptAt));
        }
    }
}
