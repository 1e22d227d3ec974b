namespace Roomcast.Webhooks;

/// <summary>
/// The durable record of outbound webhook events, written with the change that caused each one: in cluster mode by
/// the PostgreSQL grain storage in the same statement as the grain's state (<see cref="WrittenWithGrainState"/>), in
/// dev mode in memory right after the grain's write. Every write is idempotent by event id. Failures surface as
/// <c>StorageUnavailableException</c>.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>True when the grain storage writes events with the grain state; grains then never call <see cref="AppendAsync"/>.</summary>
    bool WrittenWithGrainState { get; }

    /// <summary>Records the event unless one with its id is recorded already (the first one stays).</summary>
    Task AppendAsync(WebhookEvent webhookEvent);

    /// <summary>Up to <paramref name="limit"/> events not yet expanded into deliveries, oldest first.</summary>
    Task<IReadOnlyList<WebhookEvent>> ListUnexpandedAsync(int limit);

    /// <summary>Marks events as expanded into deliveries; unknown ids and repeated marks change nothing.</summary>
    Task MarkExpandedAsync(IReadOnlyCollection<string> eventIds);

    /// <summary>The event with this id, or null.</summary>
    Task<WebhookEvent?> GetAsync(string eventId);

    /// <summary>
    /// Adds a pending delivery of the event to each endpoint, due at <paramref name="createdAt"/>; an endpoint that has
    /// one for the event already keeps it.
    /// </summary>
    Task AddDeliveriesAsync(WebhookEvent webhookEvent, IReadOnlyCollection<Guid> endpointIds, DateTimeOffset createdAt);

    /// <summary>
    /// Claims up to <paramref name="limit"/> pending or failed deliveries due at <paramref name="now"/>, oldest due
    /// first: each is moved <paramref name="lease"/> ahead, so another dispatcher does not take it meanwhile, and a
    /// claim whose dispatcher died is taken again once its lease runs out.
    /// </summary>
    Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit);

    /// <summary>Records an attempt: one more attempt, the new status, when to try next, and what the endpoint answered.</summary>
    Task RecordAttemptAsync(WebhookAttempt attempt);

    /// <summary>The delivery, or null.</summary>
    Task<WebhookDelivery?> GetDeliveryAsync(Guid deliveryId);

    /// <summary>An endpoint's most recent deliveries, newest first; <paramref name="before"/> (a delivery id) pages back.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(Guid endpointId, int limit, Guid? before = null);

    /// <summary>Makes the delivery pending and due at <paramref name="now"/> (whatever its status); false when it does not exist.</summary>
    Task<bool> RedeliverAsync(Guid deliveryId, DateTimeOffset now);

    /// <summary>When a delivery to the endpoint last succeeded, or null when none ever did.</summary>
    Task<DateTimeOffset?> LastDeliveredAtAsync(Guid endpointId);
}
