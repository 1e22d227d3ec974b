namespace Roomcast.Media;

/// <summary>
/// The stream's health at <see cref="CheckedAt"/>: the HLS egress's phase, the age of its newest segment and its
/// bitrate when LiveKit reported them, the audience, and a verdict with the reason for it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.StreamHealth")]
public sealed record StreamHealth(
    [property: Id(0)] StreamVerdict Verdict,
    [property: Id(1)] string Reason,
    [property: Id(2)] SessionStream Stream,
    [property: Id(3)] double? LastSegmentAgeSeconds,
    [property: Id(4)] long? BitrateBitsPerSecond,
    [property: Id(5)] int ViewerCount,
    [property: Id(6)] bool FiguresFresh,
    [property: Id(7)] DateTimeOffset CheckedAt);
