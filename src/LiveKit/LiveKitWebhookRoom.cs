namespace Roomcast.LiveKit;

/// <summary>The <c>room</c> of a webhook event (the fields Roomcast reads).</summary>
public sealed record LiveKitWebhookRoom(string? Name, string? Sid);
