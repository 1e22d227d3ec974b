using Roomcast.LiveKit;
using Roomcast.Media;

namespace Roomcast.Grains.Media;

/// <summary>Turns what LiveKit says about an egress into the report grains apply.</summary>
public static class EgressReports
{
    /// <param name="reportedAt">
    /// When LiveKit said it, for an answer without <c>updated_at</c>: the webhook's time, or now for a live answer.
    /// </param>
    public static EgressReport From(LiveKitEgressInfo info, Guid sessionId, DateTimeOffset reportedAt)
    {
        ArgumentNullException.ThrowIfNull(info);
        var file = info.Files.FirstOrDefault();
        var segments = info.Segments.FirstOrDefault();
        return new EgressReport(
            info.EgressId,
            sessionId,
            PhaseOf(info.Status),
            info.UpdatedAt ?? info.EndedAt ?? info.StartedAt ?? reportedAt,
            info.StartedAt,
            info.EndedAt,
            string.IsNullOrWhiteSpace(info.Error) ? null : info.Error,
            file is null ? null : new EgressFile(file.Filename, file.Location, file.SizeBytes, file.Duration.TotalSeconds),
            segments is null ? null : new EgressSegments(segments.PlaylistLocation, segments.LivePlaylistLocation,
                segments.SegmentCount, segments.SizeBytes, segments.Duration.TotalSeconds));
    }

    /// <summary>An unknown status is read as starting: it claims nothing about the outcome.</summary>
    public static EgressPhase PhaseOf(LiveKitEgressStatus status) => status switch
    {
        LiveKitEgressStatus.Active => EgressPhase.Active,
        LiveKitEgressStatus.Ending => EgressPhase.Ending,
        LiveKitEgressStatus.Complete => EgressPhase.Complete,
        LiveKitEgressStatus.Failed => EgressPhase.Failed,
        LiveKitEgressStatus.Aborted => EgressPhase.Aborted,
        LiveKitEgressStatus.LimitReached => EgressPhase.LimitReached,
        _ => EgressPhase.Starting,
    };
}
