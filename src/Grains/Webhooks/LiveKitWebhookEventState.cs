using Roomcast.Grains.Expiry;

namespace Roomcast.Grains.Webhooks;

/// <summary>
/// That a LiveKit webhook event had its effect, and until when that is worth remembering: LiveKit retries a delivery
/// for minutes, so after <see cref="ExpiresAt"/> the expiry sweep deletes the mark.
/// </summary>
[GenerateSerializer, Alias("Roomcast.LiveKitWebhookEventState")]
public sealed record LiveKitWebhookEventState : IExpiringState
{
    [Id(0)] public DateTimeOffset? ProcessedAt { get; init; }

    [Id(1)] public DateTimeOffset? ExpiresAt { get; init; }
}
