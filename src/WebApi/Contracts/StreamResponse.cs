using Roomcast.Media;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Media;

namespace Roomcast.WebApi.Contracts;

/// <summary>
/// A session's media pipeline: the LiveKit room (and the server to connect to), the room's HLS egress (what viewers
/// watch, at <c>hls_url</c>) and the host's webcam egress.
/// </summary>
public sealed record StreamResponse(
    Guid SessionId,
    string RoomName,
    string LivekitUrl,
    DateTimeOffset? RoomCreatedAt,
    DateTimeOffset? RoomFinishedAt,
    string? HlsUrl,
    StreamEgressResponse? Hls,
    StreamEgressResponse? Webcam)
{
    public static StreamResponse From(SessionStream stream, MediaUrls urls) => new(
        stream.SessionId, stream.RoomName, urls.LiveKitUrl, stream.RoomCreatedAt, stream.RoomFinishedAt,
        stream.Hls is { } hls ? urls.PlaylistUrl(hls) : null,
        StreamEgressResponse.From(stream.Hls, urls), StreamEgressResponse.From(stream.Webcam, urls));
}
