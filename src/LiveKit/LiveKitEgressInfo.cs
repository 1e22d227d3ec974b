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
    IReadOnlyList<LiveKitSegmentsResult> Segments,
    LiveKitEgressOutputs Outputs = LiveKitEgressOutputs.None);

/// <summary>
/// What the request that started the egress asked it to write (LiveKit echoes the request in <c>EgressInfo</c>): the only
/// way to tell an HLS egress from a recording before either has written anything.
/// </summary>
[Flags]
public enum LiveKitEgressOutputs
{
    /// <summary>Not said (no request in the answer).</summary>
    None = 0,

    /// <summary>A file (<c>file_outputs</c>, or the older <c>file</c>): a recording.</summary>
    File = 1,

    /// <summary>HLS segments (<c>segment_outputs</c>, or the older <c>segments</c>).</summary>
    Segments = 2,
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
