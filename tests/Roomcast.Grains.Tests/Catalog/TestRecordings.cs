using Roomcast.Libraries;
using Roomcast.Recordings;

namespace Roomcast.Grains.Tests.Catalog;

/// <summary>Builds recording rows for tests with sensible defaults. Also compiled into Roomcast.Postgres.Tests.</summary>
public static class TestRecordings
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static RecordingSnapshot New(
        Guid? id = null, Guid? sessionId = null, Guid? ownerId = null, Guid? libraryId = null,
        RecordingStatus status = RecordingStatus.Recording, DateTimeOffset? createdOn = null, long changeSequence = 1,
        bool deleted = false, string title = "Recording")
    {
        var recordingId = id ?? Guid.NewGuid();
        var session = sessionId ?? Guid.NewGuid();
        var created = createdOn ?? Epoch;
        return new RecordingSnapshot(
            recordingId, session, Guid.NewGuid(), libraryId ?? DefaultLibrary.Id, ownerId ?? Guid.NewGuid(), Guid.NewGuid(),
            title, null, status, RecordingSnapshot.StorageKeyFor(session, recordingId), null, null, null,
            created, null, null, null, changeSequence, created, created, deleted);
    }
}
