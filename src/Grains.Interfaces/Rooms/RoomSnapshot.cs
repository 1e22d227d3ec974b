using Roomcast.Libraries;

namespace Roomcast.Rooms;

/// <summary>A room as clients see it; also the row the catalog stores.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.RoomSnapshot")]
public sealed record RoomSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid OwnerId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Description,
    [property: Id(4)] Visibility Visibility,
    [property: Id(5)] long SessionCount,
    [property: Id(6)] int LiveSessionCount,
    [property: Id(7)] long ChangeSequence,
    [property: Id(8)] DateTimeOffset CreatedOn,
    [property: Id(9)] DateTimeOffset UpdatedOn,
    [property: Id(10)] bool Deleted,
    [property: Id(11)] Guid LibraryId) : ILibraryOwned;
