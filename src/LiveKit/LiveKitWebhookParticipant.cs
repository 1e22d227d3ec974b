namespace Roomcast.LiveKit;

/// <summary>The <c>participant</c> of a webhook event: Roomcast's identities are user ids (monitors: <c>{userId}:monitor</c>).</summary>
public sealed record LiveKitWebhookParticipant(string? Identity, string? Name, string? Sid);
