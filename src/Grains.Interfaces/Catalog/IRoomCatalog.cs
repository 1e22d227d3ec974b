using Roomcast.Rooms;

namespace Roomcast.Catalog;

/// <summary>The read model of rooms; same contract as <see cref="ISessionCatalog"/>.</summary>
public interface IRoomCatalog
{
    /// <summary>Stores the snapshot unless the catalog already holds a newer or equal change sequence.</summary>
    Task UpsertAsync(RoomSnapshot room, CancellationToken cancellationToken = default);

    /// <summary>
    /// The stored snapshot of one room, deleted or not; null if the catalog has none. Lets a listing check access
    /// to a room without calling its grain, which may be on a silo that just died.
    /// </summary>
    Task<RoomSnapshot?> GetAsync(Guid roomId, CancellationToken cancellationToken = default);

    /// <summary>Lists rooms matching the query, newest first.</summary>
    Task<Page<RoomSnapshot>> ListAsync(RoomQuery query, PageRequest page, CancellationToken cancellationToken = default);
}
