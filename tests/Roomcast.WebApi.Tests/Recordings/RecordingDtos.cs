namespace Roomcast.WebApi.Tests.Recordings;

public sealed record RecordingDto(
    Guid Id, Guid SessionId, Guid RoomId, Guid LibraryId, Guid OwnerId, Guid StartedBy, string Title, string? Description,
    string Status, long? SizeBytes, double? DurationSeconds, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    DateTimeOffset? ReadyAt, string? Error, long ChangeSequence, DateTimeOffset CreatedOn, DateTimeOffset UpdatedOn);

public sealed record ActiveRecordingDto(Guid SessionId, bool Recording, RecordingDto? ActiveRecording);

public sealed record RecordingDownloadDto(Guid RecordingId, string Url, DateTimeOffset ExpiresAt, int ExpiresIn, string Disposition);

public sealed record StorageCleanupDto(
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int ExpiredRecordingsDeleted, int OrphanFilesDeleted, long BytesFreed,
    int Failures, string Trigger);

public sealed record StorageStatusDto(
    string Kind, long Files, long Bytes, long OrphanFiles, long OrphanBytes, IReadOnlyDictionary<string, long> RecordingsByStatus,
    long? RetentionSeconds, StorageCleanupDto? LastCleanup, DateTimeOffset? NextCleanupAt, DateTimeOffset CheckedAt);
