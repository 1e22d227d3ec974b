namespace Roomcast.LiveKit;

/// <summary>A signed LiveKit access token and when it stops admitting its holder.</summary>
public sealed record LiveKitToken(string Jwt, DateTimeOffset ExpiresAt);
