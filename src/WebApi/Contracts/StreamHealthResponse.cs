using Roomcast.Media;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Media;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// How the session's stream is doing: <c>verdict</c> (healthy, degraded, down) and the <c>reason</c> for it, the HLS
/// egress's status, the age of its newest segment and its bitrate when LiveKit reported them, and the viewers present.
/// <c>figures_fresh</c> is false when LiveKit could not be asked just now and the figures are the last it reported.
/// </summary>
public sealed record StreamHealthResponse(
    Guid SessionId,
    [property: EnumValues<StreamVerdict>] string Verdict,
    string Reason,
    [property: EnumValues<EgressPhase>] string? HlsStatus,
    [property: EnumValues<EgressPhase>] string? WebcamStatus,
    double? LastSegmentAgeSeconds,
    long? BitrateBps,
    int ViewerCount,
    bool FiguresFresh,
    DateTimeOffset CheckedAt,
    StreamResponse Stream)
{
    public static StreamHealthResponse From(StreamHealth health, MediaUrls urls) => new(
        health.Stream.SessionId, ApiEnum.Name(health.Verdict), health.Reason,
        health.Stream.Hls is { } hls ? ApiEnum.Name(hls.Phase) : null,
        health.Stream.Webcam is { } webcam ? ApiEnum.Name(webcam.Phase) : null,
        health.LastSegmentAgeSeconds is { } age ? Math.Round(age, 1) : null, health.BitrateBitsPerSecond, health.ViewerCount,
        health.FiguresFresh, health.CheckedAt, StreamResponse.From(health.Stream, urls));
}
