namespace Roomcast.LiveKit;

/// <summary>The <c>track</c> of a webhook event; <c>type</c> and <c>source</c> as LiveKit spells its enums (e.g. <c>VIDEO</c>, <c>CAMERA</c>).</summary>
public sealed record LiveKitWebhookTrack(string? Sid, string? Type, string? Source, bool Muted = false);
