using Roomcast.Rooms;

namespace Roomcast.Grains.Rooms;

/// <summary>What a room grain persists: the room, and which of its sessions are live right now.</summary>
[GenerateSerializer, Alias("Roomcast.RoomGrainState")]
public sealed class RoomGrainState
{
    [Id(0)] public RoomSnapshot? Room { get; set; }

    [Id(1)] public HashSet<Guid> LiveSessionIds { get; set; } = [];
}
