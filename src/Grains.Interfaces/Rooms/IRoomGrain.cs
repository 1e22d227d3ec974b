using Orleans.Concurrency;
using Roomcast.Sessions;

namespace Roomcast.Rooms;

/// <summary>
/// One room (key = room id): its owner, title and visibility, and the authority that creates its
/// sessions and counts them.
/// </summary>
[Alias("Roomcast.IRoomGrain")]
public interface IRoomGrain : IGrainWithGuidKey
{
    /// <summary>Creates the room; a second call on the same key is a conflict.</summary>
    [Alias("Create")]
    Task<RoomSnapshot> CreateAsync(CreateRoomCommand command);

    /// <summary>Returns the room, or throws not-found when it does not exist or was deleted.</summary>
    [Alias("Get")]
    Task<RoomSnapshot> GetAsync();

    /// <summary>Applies a partial change.</summary>
    [Alias("Update")]
    Task<RoomSnapshot> UpdateAsync(RoomPatch patch, long? expectedChangeSequence);

    /// <summary>Deletes the room and its sessions; refused while one of them is live.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long? expectedChangeSequence);

    /// <summary>Creates a session in this room with a fresh id.</summary>
    [Alias("CreateSession")]
    Task<SessionSnapshot> CreateSessionAsync(CreateSessionCommand command);

    /// <summary>
    /// Told by a session of this room when its state changes, so the live count stays true. One-way, so a
    /// session never waits on its room; the room re-reads the session, so order and repeats do not matter.
    /// </summary>
    [Alias("OnSessionStateChanged"), OneWay]
    Task OnSessionStateChangedAsync(Guid sessionId, SessionState state);

}
