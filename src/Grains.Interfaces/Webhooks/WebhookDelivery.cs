namespace Roomcast.Webhooks;

/// <summary>Where a delivery stands. Stored by name in lower case: never rename.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not tried yet (or asked to be redelivered).</summary>
    Pending = 0,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered = 1,

    /// <summary>The last attempt failed; another is due at <c>NextAttemptAt</c>.</summary>
    Failed = 2,

    /// <summary>Failed until the retry period after its event ran out; tried no more unless redelivered.</summary>
    Dead = 3,
}

/// <summary>One event's delivery to one endpoint, with its attempts' outcome (the delivery log).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookDelivery")]
public sealed record WebhookDelivery(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid EndpointId,
    [property: Id(2)] string EventId,
    [property: Id(3)] Guid LibraryId,
    [property: Id(4)] WebhookDeliveryStatus Status,
    [property: Id(5)] int Attempts,
    [property: Id(6)] DateTimeOffset NextAttemptAt,
    [property: Id(7)] int? LastStatusCode,
    [property: Id(8)] string? LastError,
    [property: Id(9)] DateTimeOffset? LastAttemptAt,
    [property: Id(10)] DateTimeOffset CreatedAt);

/// <summary>A delivery claimed for sending, with its event.</summary>
public sealed record DueWebhookDelivery(WebhookDelivery Delivery, WebhookEvent Event);

/// <summary>
/// The outcome of one attempt: the new status, when to try next (ignored unless Failed), and what the endpoint
/// answered (a status code, or an error when there was no answer).
/// </summary>
public sealed record WebhookAttempt(
    Guid DeliveryId, WebhookDeliveryStatus Status, DateTimeOffset AttemptedAt, DateTimeOffset NextAttemptAt, int? StatusCode, string? Error);
