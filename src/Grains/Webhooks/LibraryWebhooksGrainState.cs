using Roomcast.Webhooks;

namespace Roomcast.Grains.Webhooks;

/// <summary>What a library's webhooks grain persists: its endpoints, each with its secrets.</summary>
[GenerateSerializer, Alias("Roomcast.LibraryWebhooksGrainState")]
public sealed record LibraryWebhooksGrainState
{
    [Id(0)] public IReadOnlyList<StoredWebhookEndpoint> Endpoints { get; init; } = [];
}

/// <summary>An endpoint and its secrets: the current one, and during a rotation's overlap the previous one until it expires.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StoredWebhookEndpoint")]
public sealed record StoredWebhookEndpoint(
    [property: Id(0)] WebhookEndpoint Endpoint,
    [property: Id(1)] string Secret,
    [property: Id(2)] string? PreviousSecret,
    [property: Id(3)] DateTimeOffset? PreviousSecretExpiresAt)
{
    /// <summary>The secrets to sign with at <paramref name="now"/>, current first.</summary>
    public IReadOnlyList<string> SecretsAt(DateTimeOffset now) =>
        PreviousSecret is { } previous && PreviousSecretExpiresAt > now ? [Secret, previous] : [Secret];
}
