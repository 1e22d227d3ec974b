using Roomcast.Libraries;

namespace Roomcast.Sessions;

/// <summary>A session as clients see it; also the row the catalog stores.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.SessionSnapshot")]
public sealed record SessionSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid RoomId,
    [property: Id(2)] Guid HostId,
    [property: Id(3)] string Name,
    [property: Id(4)] string? Description,
    [property: Id(5)] SessionType Type,
    [property: Id(6)] SessionState State,
    [property: Id(7)] Visibility Visibility,
    [property: Id(8)] DateTimeOffset ScheduledAt,
    [property: Id(9)] DateTimeOffset? StartedAt,
    [property: Id(10)] DateTimeOffset? EndedAt,
    [property: Id(11)] EndReason? EndReason,
    [property: Id(12)] long DurationSeconds,
    [property: Id(13)] SessionSettings Settings,
    [property: Id(14)] SessionConfig Config,
    [property: Id(15)] IReadOnlyList<MediaSource> Sources,
    [property: Id(16)] SessionMeta Meta,
    [property: Id(17)] string Product,
    [property: Id(18)] Guid CreatedBy,
    [property: Id(19)] int Version,
    [property: Id(20)] long ChangeSequence,
    [property: Id(21)] DateTimeOffset CreatedOn,
    [property: Id(22)] DateTimeOffset UpdatedOn,
    [property: Id(23)] bool Deleted,
    [property: Id(24)] Guid LibraryId,
    [property: Id(25)] IReadOnlyList<SessionParticipant> Participants) : ILibraryOwned;
