using Roomcast.Rooms;

namespace Roomcast.Grains.Rooms;

/// <summary>What a room grain persists: the room, and which of its sessions are live right now.</summary>
[GenerateSerializer, Alias("Roomcast.RoomGrainState")]
public sealed record RoomGrainState
{
    [Id(0)] public RoomSnapshot? Room { get; init; }

    [Id(1)] public IReadOnlySet<Guid> LiveSessionIds { get; init; } = new HashSet<Guid>();
}
