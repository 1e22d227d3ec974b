namespace Roomcast.Sessions;

/// <summary>Everything needed to create a session; validated by the API, checked again by the grain.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.CreateSessionCommand")]
public sealed record CreateSessionCommand(
    [property: Id(0)] Guid RoomId,
    [property: Id(1)] Guid HostId,
    [property: Id(2)] Guid CreatedBy,
    [property: Id(3)] string Name,
    [property: Id(4)] string? Description,
    [property: Id(5)] SessionType Type,
    [property: Id(6)] Visibility Visibility,
    [property: Id(7)] DateTimeOffset ScheduledAt,
    [property: Id(8)] SessionSettings Settings,
    [property: Id(9)] int? MaxDurationSeconds,
    [property: Id(10)] bool RemoveMedia,
    [property: Id(11)] string Product,
    [property: Id(12)] Guid LibraryId);
