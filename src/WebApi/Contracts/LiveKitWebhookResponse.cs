namespace Roomcast.WebApi.Contracts;

/// <summary>
/// What Roomcast did with a LiveKit webhook event: <c>processed</c> (its effect applied now; an event older than one
/// already applied for the same person changes nothing), <c>duplicate</c> (this event id
/// was applied before), <c>ignored</c> (no effect: an event Roomcast does not act on yet, a room that is not a
/// session's, a monitor or a stranger).
/// </summary>
public sealed record LiveKitWebhookResponse(string Event, string? EventId, string Outcome);
