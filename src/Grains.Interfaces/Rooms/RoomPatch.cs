namespace Roomcast.Rooms;

/// <summary>A partial change of a room; null members stay as they are.</summary>
/// <param name="ClearDescription">True to remove the description (a null <paramref name="Description"/> means "unchanged").</param>
[GenerateSerializer, Immutable, Alias("Roomcast.RoomPatch")]
public sealed record RoomPatch(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Description,
    [property: Id(2)] bool ClearDescription,
    [property: Id(3)] Visibility? Visibility);
