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
}
