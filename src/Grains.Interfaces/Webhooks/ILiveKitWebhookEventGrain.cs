using Roomcast.Media;

namespace Roomcast.Webhooks;

/// <summary>
/// One LiveKit webhook event (key = its id): applies the event's effect at most once however often LiveKit delivers
/// it. Not reentrant, so two deliveries at once run one after the other and the second finds the first's mark.
/// </summary>
[Alias("Roomcast.ILiveKitWebhookEventGrain")]
public interface ILiveKitWebhookEventGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies the effect, then marks the event processed; true when applied now, false for a redelivery. An effect that
    /// fails leaves no mark (the exception goes to the caller), so LiveKit's retry applies it again: effects are idempotent.
    /// </summary>
    [Alias("ApplyParticipantEvent")]
    Task<bool> ApplyAsync(LiveKitParticipantEvent participantEvent);

    /// <summary>An egress report: to the session's media (its HLS egresses) or, failing that, to its recordings.</summary>
    [Alias("ApplyEgressReport")]
    Task<bool> ApplyAsync(EgressReport report);

    [Alias("ApplyHostTrackEvent")]
    Task<bool> ApplyAsync(LiveKitHostTrackEvent trackEvent);

    [Alias("ApplyRoomEvent")]
    Task<bool> ApplyAsync(LiveKitRoomEvent roomEvent);
}
