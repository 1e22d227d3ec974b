using Roomcast.LiveKit;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// What a webhook handler needs. Not <see cref="ApiServices"/>: a webhook has no caller (its sender proves itself by
/// signature), so there is no request scope to build.
/// </summary>
public sealed class WebhookServices(
    LiveKitWebhookVerifier verifier,
    GrainReferences grains,
    IGrainFactory grainFactory,
    Envelope envelope,
    TimeProvider clock,
    ILogger<WebhookServices> logger)
{
    public LiveKitWebhookVerifier Verifier { get; } = verifier;
    public GrainReferences Grains { get; } = grains;

    /// <summary>For grains keyed by string (<see cref="GrainReferences"/> resolves Guid keys only).</summary>
    public IGrainFactory GrainFactory { get; } = grainFactory;

    public Envelope Envelope { get; } = envelope;
    public TimeProvider Clock { get; } = clock;
    public ILogger<WebhookServices> Logger { get; } = logger;
}
