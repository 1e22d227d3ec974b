using Roomcast.Libraries;
using Roomcast.Rooms;
using Roomcast.Sessions;

namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>Builds catalog rows for tests with sensible defaults.</summary>
public static class Snapshots
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static SessionSnapshot Session(
        Guid? id = null, Guid? roomId = null, Guid? hostId = null, string name = "Session",
        SessionType type = SessionType.Webinar, SessionState state = SessionState.Scheduled,
        Visibility visibility = Visibility.Public, DateTimeOffset? createdOn = null, DateTimeOffset? scheduledAt = null,
        long changeSequence = 1, bool deleted = false, long durationSeconds = 0, Guid? libraryId = null)
    {
        var created = createdOn ?? Epoch;
        return new SessionSnapshot(
            id ?? Guid.NewGuid(), roomId ?? Guid.NewGuid(), hostId ?? Guid.NewGuid(), name, "about", type, state, visibility,
            scheduledAt ?? created.AddDays(1), null, null, null, durationSeconds,
            SessionSettings.DefaultsFor(type), new SessionConfig(3600, false),
            [new MediaSource("cam", "Camera", MediaKind.Video, "dev0", true, created)],
            new SessionMeta(null, HealthCheck.Idle, WorkerState.Idle),
            "roomcast", Guid.NewGuid(), 1, changeSequence, created, created, deleted,
            libraryId ?? DefaultLibrary.Id, [new SessionParticipant(Guid.NewGuid(), SessionRole.Moderator, created)]);
    }

    public static RoomSnapshot Room(
        Guid? id = null, Guid? ownerId = null, string title = "Room", Visibility visibility = Visibility.Public,
        DateTimeOffset? createdOn = null, long changeSequence = 1, bool deleted = false, Guid? libraryId = null)
    {
        var created = createdOn ?? Epoch;
        return new RoomSnapshot(id ?? Guid.NewGuid(), ownerId ?? Guid.NewGuid(), title, null, visibility, 0, 0,
            changeSequence, created, created, deleted, libraryId ?? DefaultLibrary.Id);
    }
}
