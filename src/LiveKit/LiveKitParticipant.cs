namespace Roomcast.LiveKit;

/// <summary>Who a token is for: LiveKit's <c>sub</c> (identity) and <c>name</c>.</summary>
public sealed record LiveKitParticipant(string Identity, string? Name);
