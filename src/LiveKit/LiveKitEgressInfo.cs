namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's <c>EgressInfo</c>, as the Egress service answers it and as webhook events carry it (<c>egressInfo</c>).
/// Times are LiveKit's unix nanoseconds converted; <paramref name="UpdatedAt"/> orders the reports of one egress.
/// </summary>
public sealed record LiveKitEgressInfo(
    string EgressId,
    string RoomName,
    LiveKitEgressStatus Status,
    LiveKitEgressKind Kind,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? UpdatedAt,
    string? Error,
    IReadOnlyList<LiveKitFileResult> Files,
    IReadOnlyList<LiveKitSegmentsResult> Segments)
{
    /// <summary>The egress writes HLS segments (its request has segment outputs, or it reported segments): a stream, not a file recording.</summary>
    public bool WritesSegments { get; init; }
}

/// <summary>LiveKit's <c>EgressStatus</c>; <see cref="Unknown"/> for a value this version does not know.</summary>
public enum LiveKitEgressStatus
{
    Unknown,
    Starting,
    Active,
    Ending,
    Complete,
    Failed,
    Aborted,
    LimitReached,
}

/// <summary>Which request started the egress.</summary>
public enum LiveKitEgressKind
{
    Unknown,
    RoomComposite,
    TrackComposite,
    Track,
    Participant,
    Web,
}

/// <summary>A finished file (<c>FileInfo</c>): size in bytes, duration from LiveKit's nanoseconds.</summary>
public sealed record LiveKitFileResult(string Filename, string? Location, long SizeBytes, TimeSpan Duration);

/// <summary>HLS progress (<c>SegmentsInfo</c>): the playlists' names and locations, segments written so far.</summary>
public sealed record LiveKitSegmentsResult(string? PlaylistName, string? LivePlaylistName, string? PlaylistLocation,
    string? LivePlaylistLocation, long SegmentCount, long SizeBytes, TimeSpan Duration);
