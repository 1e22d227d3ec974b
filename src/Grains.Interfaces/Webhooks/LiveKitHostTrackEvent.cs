using Roomcast.Sessions;

namespace Roomcast.Webhooks;

/// <summary>The host published or unpublished a camera or microphone in the session's room (LiveKit's time).</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.LiveKitHostTrackEvent")]
public sealed record LiveKitHostTrackEvent(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] MediaKind Kind,
    [property: Id(2)] bool Published,
    [property: Id(3)] DateTimeOffset OccurredAt);
