namespace Roomcast.LiveKit;

/// <summary>The <c>egressInfo</c> of a webhook event; <c>status</c> as LiveKit spells it (e.g. <c>EGRESS_ACTIVE</c>).</summary>
public sealed record LiveKitWebhookEgress(string? EgressId, string? RoomName, string? Status, string? Error);
