using Roomcast.Media;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Media;

namespace Roomcast.WebApi.Contracts;

/// <summary>One HLS egress: LiveKit's id, its status, its playlist URL and how far it has got.</summary>
public sealed record StreamEgressResponse(
    string EgressId,
    [property: EnumValues<EgressPhase>] string Status,
    string? PlaylistUrl,
    long SegmentCount,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset UpdatedAt,
    string? Error)
{
    public static StreamEgressResponse? From(StreamEgress? egress, MediaUrls urls) => egress is null ? null : new(
        egress.EgressId, ApiEnum.Name(egress.Phase), urls.PlaylistUrl(egress), egress.Segments?.SegmentCount ?? 0,
        egress.RequestedAt, egress.StartedAt, egress.EndedAt, egress.UpdatedAt, egress.Error);
}
