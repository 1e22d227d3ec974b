namespace Roomcast.LiveKit;

/// <summary>A published track (<c>TrackInfo</c>): <c>type</c> and <c>source</c> as LiveKit spells them (<c>VIDEO</c>, <c>CAMERA</c>).</summary>
public sealed record LiveKitTrackInfo(string Sid, string? Type, string? Source, bool Muted);
