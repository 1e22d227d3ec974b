using Roomcast.Rooms;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Contracts;

public sealed record RoomResponse(
    Guid Id,
    Guid OwnerId,
    Guid LibraryId,
    string Title,
    string? Description,
    [property: EnumValues<Visibility>] string Visibility,
    long SessionsCreated,
    int LiveSessions,
    long ChangeSequence,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn)
{
    public static RoomResponse From(RoomSnapshot room) => new(
        room.Id, room.OwnerId, room.LibraryId, room.Title, room.Description, ApiEnum.Name(room.Visibility),
        room.SessionCount, room.LiveSessionCount, room.ChangeSequence, room.CreatedOn, room.UpdatedOn);
}
