namespace Roomcast.LiveKit;

/// <summary>
/// LiveKit's <c>Egress</c> service (Twirp over HTTP), authenticated with an admin token carrying <c>roomRecord</c>.
/// Failures are a <c>RoomcastException</c> of kind Unavailable, code <c>livekit_unavailable</c>, as for the room service.
/// Starting an egress is never retried (a retry after a lost answer would start a second one): callers reconcile
/// with <see cref="ListEgressAsync"/> instead. A start LiveKit answers with Twirp's <c>not_found</c> is a NotFound
/// <c>livekit_not_found</c>; a request LiveKit rejects (bad argument, credentials) is an <see cref="InvalidOperationException"/>,
/// a bug of ours or of the deployment. In dev mode without LiveKit, starts answer a made-up egress that never moves.
/// </summary>
public interface ILiveKitEgressService
{
    /// <summary>Records the whole room (its composite layout) as HLS segments and playlists.</summary>
    Task<LiveKitEgressInfo> StartRoomCompositeHlsAsync(string room, LiveKitSegmentsOutput output,
        CancellationToken cancellationToken = default);

    /// <summary>Records the whole room (its composite layout) into one MP4 file.</summary>
    Task<LiveKitEgressInfo> StartRoomCompositeFileAsync(string room, LiveKitFileOutput output,
        CancellationToken cancellationToken = default);

    /// <summary>Records one participant's video and/or audio track as HLS (the host's webcam).</summary>
    Task<LiveKitEgressInfo> StartTrackCompositeHlsAsync(string room, string? videoTrackSid, string? audioTrackSid,
        LiveKitSegmentsOutput output, CancellationToken cancellationToken = default);

    /// <summary>Stops an egress; one LiveKit no longer knows, or one already over, is returned as null.</summary>
    Task<LiveKitEgressInfo?> StopEgressAsync(string egressId, CancellationToken cancellationToken = default);

    /// <summary>The egresses of a room (or the one with <paramref name="egressId"/>), only the running ones when <paramref name="activeOnly"/>.</summary>
    Task<IReadOnlyList<LiveKitEgressInfo>> ListEgressAsync(string? room, string? egressId, bool activeOnly,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// HLS output: segments named <c>{FilenamePrefix}_{n}.ts</c>, the playlists beside them. LiveKit takes the segment
/// duration in whole seconds: it is rounded, and at least 1 (0 would mean LiveKit's default).
/// </summary>
public sealed record LiveKitSegmentsOutput(string FilenamePrefix, string PlaylistName, string LivePlaylistName,
    TimeSpan SegmentDuration, LiveKitS3Upload? S3);

/// <summary>MP4 file output at <paramref name="Filepath"/>.</summary>
public sealed record LiveKitFileOutput(string Filepath, LiveKitS3Upload? S3);

/// <summary>LiveKit's <c>S3Upload</c>: where the egress uploads; null in an output means its own file system.</summary>
public sealed record LiveKitS3Upload(string Bucket, string? Region, string? Endpoint, string AccessKey, string Secret,
    bool ForcePathStyle);
