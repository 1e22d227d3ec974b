using System.Collections.Concurrent;
using Roomcast.Catalog;
using Roomcast.Rooms;

namespace Roomcast.Grains.Catalog;

/// <summary>The dev-mode room catalog: one process, lost on restart.</summary>
public sealed class InMemoryRoomCatalog : IRoomCatalog
{
    private readonly ConcurrentDictionary<Guid, RoomSnapshot> _rows = new();

    public Task UpsertAsync(RoomSnapshot room, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate(room.Id, room,
            (_, stored) => room.ChangeSequence > stored.ChangeSequence ? room : stored);
        return Task.CompletedTask;
    }

    public Task<RoomSnapshot?> GetAsync(Guid roomId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(roomId));

    public Task<Page<RoomSnapshot>> ListAsync(RoomQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var rows = _rows.Values.Where(r =>
            !r.Deleted
            && (query.LibraryId is null || r.LibraryId == query.LibraryId)
            && (query.OwnerId is null || r.OwnerId == query.OwnerId)
            && (query.Visibility is null || r.Visibility == query.Visibility)
            && (query.TitleContains is null || r.Title.Contains(query.TitleContains, StringComparison.OrdinalIgnoreCase)));
        return Task.FromResult(KeysetPager.Paginate(rows, r => new CatalogCursor(r.CreatedOn, r.Id), page));
    }
}
