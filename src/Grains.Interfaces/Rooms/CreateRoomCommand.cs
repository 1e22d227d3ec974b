namespace Roomcast.Rooms;

[GenerateSerializer, Immutable, Alias("Roomcast.CreateRoomCommand")]
public sealed record CreateRoomCommand(
    [property: Id(0)] Guid OwnerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Description,
    [property: Id(3)] Visibility Visibility,
    [property: Id(4)] Guid LibraryId);
