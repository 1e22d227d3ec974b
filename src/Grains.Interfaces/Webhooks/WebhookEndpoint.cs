namespace Roomcast.Webhooks;

/// <summary>A library's outbound webhook endpoint as callers see it: never its secrets.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookEndpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid LibraryId,
    [property: Id(2)] string Url,
    [property: Id(3)] IReadOnlyList<string> Events,
    [property: Id(4)] bool Enabled,
    [property: Id(5)] string? DisabledReason,
    [property: Id(6)] DateTimeOffset CreatedOn,
    [property: Id(7)] DateTimeOffset UpdatedOn,
    [property: Id(8)] long ChangeSequence);

/// <summary>An endpoint with its signing secret, as shown once: at registration and at each rotation.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookEndpointWithSecret")]
public sealed record WebhookEndpointWithSecret(
    [property: Id(0)] WebhookEndpoint Endpoint,
    [property: Id(1)] string Secret);

/// <summary>What to send an event to: an enabled endpoint subscribed to its type, with the secrets valid now (current first).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookTarget")]
public sealed record WebhookTarget(
    [property: Id(0)] Guid EndpointId,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<string> Secrets);

/// <summary>A change to an endpoint; null members are left as they are. Enabling clears the disabled reason.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.WebhookEndpointPatch")]
public sealed record WebhookEndpointPatch(
    [property: Id(0)] string? Url = null,
    [property: Id(1)] IReadOnlyList<string>? Events = null,
    [property: Id(2)] bool? Enabled = null);
