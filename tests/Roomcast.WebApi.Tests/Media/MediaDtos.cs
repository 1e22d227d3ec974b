using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

// The media routes' wire shapes as a client reads them (snake_case through ApiJson.Options).

public sealed record StreamEgressDto(
    string EgressId, string Status, string? PlaylistUrl, long SegmentCount, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt, DateTimeOffset UpdatedAt, string? Error);

public sealed record StreamDto(
    Guid SessionId, string RoomName, string LivekitUrl, DateTimeOffset? RoomCreatedAt, DateTimeOffset? RoomFinishedAt, string? HlsUrl,
    StreamEgressDto? Hls, StreamEgressDto? Webcam);

public sealed record GoLiveDto(SessionDto Session, StreamDto Stream);

public sealed record StreamHealthDto(
    Guid SessionId, string Verdict, string Reason, string? HlsStatus, string? WebcamStatus, double? LastSegmentAgeSeconds,
    long? BitrateBps, int ViewerCount, bool FiguresFresh, DateTimeOffset CheckedAt, StreamDto Stream);

public sealed record ShareUrlsDto(Guid SessionId, string ViewerUrl, string EmbedUrl, string EmbedHtml, string? HlsUrl);
