namespace Roomcast.WebApi.Contracts;

/// <summary>
/// What Roomcast did with a LiveKit webhook event: <c>applied</c> (it changed state), <c>duplicate</c> (this event id
/// was applied before), <c>ignored</c> (no effect: an event Roomcast does not act on yet, a room that is not a
/// session's, a monitor, or an event older than one already applied).
/// </summary>
public sealed record LiveKitWebhookResponse(string Event, string? EventId, string Outcome);
