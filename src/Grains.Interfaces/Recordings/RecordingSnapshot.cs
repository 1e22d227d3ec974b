using Roomcast.Libraries;

namespace Roomcast.Recordings;

/// <summary>A recording as clients see it; also the row the recording catalog stores.</summary>
/// <param name="OwnerId">The host of the session it was made of: "my recordings" are the ones I own.</param>
/// <param name="StorageKey">Where the file is (or will be) in recording storage, relative to its root.</param>
/// <param name="EgressId">LiveKit's id of the egress writing it; null until LiveKit accepted the start.</param>
[GenerateSerializer, Immutable, Alias("Roomcast.RecordingSnapshot")]
public sealed record RecordingSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] Guid RoomId,
    [property: Id(3)] Guid LibraryId,
    [property: Id(4)] Guid OwnerId,
    [property: Id(5)] Guid StartedBy,
    [property: Id(6)] string Title,
    [property: Id(7)] string? Description,
    [property: Id(8)] RecordingStatus Status,
    [property: Id(9)] string StorageKey,
    [property: Id(10)] string? EgressId,
    [property: Id(11)] long? SizeBytes,
    [property: Id(12)] double? DurationSeconds,
    [property: Id(13)] DateTimeOffset? StartedAt,
    [property: Id(14)] DateTimeOffset? EndedAt,
    [property: Id(15)] DateTimeOffset? ReadyAt,
    [property: Id(16)] string? Error,
    [property: Id(17)] long ChangeSequence,
    [property: Id(18)] DateTimeOffset CreatedOn,
    [property: Id(19)] DateTimeOffset UpdatedOn,
    [property: Id(20)] bool Deleted) : ILibraryOwned
{
    /// <summary>Still being made: it holds the session's one recording slot.</summary>
    public bool IsActive => Status is RecordingStatus.Starting or RecordingStatus.Recording;

    /// <summary>The storage key of a recording: one folder per session, one file per recording.</summary>
    public static string StorageKeyFor(Guid sessionId, Guid recordingId) => $"recordings/{sessionId:N}/{recordingId:N}.mp4";
}
