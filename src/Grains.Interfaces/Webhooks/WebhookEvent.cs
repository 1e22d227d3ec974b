namespace Roomcast.Webhooks;

/// <summary>
/// One outbound webhook event as the outbox holds it. <paramref name="Id"/> is deterministic (derived from what
/// happened, not when it was noticed), so recording the same transition twice records it once, and receivers see it
/// as the <c>webhook-id</c> header. <paramref name="Payload"/> is the JSON body sent: <c>{type, timestamp, data}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] Guid LibraryId,
    [property: Id(2)] string Type,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] string Payload);
