using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

/// <summary>What every <see cref="IRoomCatalog"/> must do; one subclass per implementation.</summary>
public abstract class RoomCatalogContract : IAsyncLifetime
{
    private IRoomCatalog? _catalog;

    protected IRoomCatalog Catalog => _catalog ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IRoomCatalog> CreateCatalogAsync();

    public async Task InitializeAsync() => _catalog = await CreateCatalogAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [ContractFact]
    public async Task Upsert_guard_tombstones_and_filters()
    {
        var owner = Guid.NewGuid();
        var a = Snapshots.Room(ownerId: owner, title: "Team_Sync", createdOn: Snapshots.Epoch);
        var b = Snapshots.Room(ownerId: owner, title: "Private corner", visibility: Visibility.Private, createdOn: Snapshots.Epoch.AddHours(1));
        var c = Snapshots.Room(title: "Open stage", createdOn: Snapshots.Epoch.AddHours(2));
        foreach (var r in new[] { a, b, c })
        {
            await Catalog.UpsertAsync(r);
        }

        await Catalog.UpsertAsync(a with { Title = "stale", ChangeSequence = 0 });
        await Catalog.UpsertAsync(c with { Deleted = true, ChangeSequence = 2 });

        await AssertIds(new RoomQuery(), b, a);
        await AssertIds(new RoomQuery { OwnerId = owner, Visibility = Visibility.Public }, a);
        await AssertIds(new RoomQuery { TitleContains = "M_S" }, a);
        await AssertIds(new RoomQuery { TitleContains = "m s" });
        await AssertIds(new RoomQuery { TitleContains = "STALE" });
    }

    [ContractFact]
    public async Task Get_returns_the_newest_snapshot_deleted_or_not_and_null_for_an_unknown_room()
    {
        var room = Snapshots.Room(title: "Lookup", createdOn: Snapshots.Epoch);
        await Catalog.UpsertAsync(room);
        await Catalog.UpsertAsync(room with { Title = "Renamed", ChangeSequence = 2 });
        await Catalog.UpsertAsync(room with { Title = "stale", ChangeSequence = 1 });

        Assert.Equal(room with { Title = "Renamed", ChangeSequence = 2 }, await Catalog.GetAsync(room.Id));
        Assert.Null(await Catalog.GetAsync(Guid.NewGuid()));

        await Catalog.UpsertAsync(room with { Deleted = true, ChangeSequence = 3 });
        Assert.True((await Catalog.GetAsync(room.Id))!.Deleted);
    }

    [ContractFact]
    public async Task Listings_are_confined_to_a_library()
    {
        var owner = Guid.NewGuid();
        var a = Snapshots.Room(ownerId: owner, libraryId: Guid.NewGuid(), createdOn: Snapshots.Epoch);
        var b = Snapshots.Room(ownerId: owner, libraryId: Guid.NewGuid(), createdOn: Snapshots.Epoch.AddHours(1));
        await Catalog.UpsertAsync(a);
        await Catalog.UpsertAsync(b);

        await AssertIds(new RoomQuery { LibraryId = a.LibraryId }, a);
        await AssertIds(new RoomQuery { LibraryId = b.LibraryId, OwnerId = owner }, b);
        await AssertIds(new RoomQuery { OwnerId = owner }, b, a);
    }

    [ContractFact]
    public async Task Pages_match_the_in_memory_reference()
    {
        var reference = new InMemoryRoomCatalog();
        for (var i = 0; i < 25; i++)
        {
            var room = Snapshots.Room(createdOn: Snapshots.Epoch.AddSeconds(i / 4));
            await Catalog.UpsertAsync(room);
            await reference.UpsertAsync(room);
        }

        var forward = new PageRequest(10);
        Page<Roomcast.Rooms.RoomSnapshot>? last = null;
        while (true)
        {
            var mine = await Catalog.ListAsync(new RoomQuery(), forward);
            var theirs = await reference.ListAsync(new RoomQuery(), forward);
            Assert.Equal((theirs.NextCursor, theirs.PreviousCursor), (mine.NextCursor, mine.PreviousCursor));
            Assert.Equal(theirs.Items.Select(r => r.Id), mine.Items.Select(r => r.Id));
            last = mine;
            if (mine.NextCursor is null)
            {
                break;
            }

            forward = new PageRequest(10, StartAfter: mine.NextCursor);
        }

        var backward = new PageRequest(10, EndBefore: last.PreviousCursor);
        while (backward.EndBefore is not null)
        {
            var mine = await Catalog.ListAsync(new RoomQuery(), backward);
            var theirs = await reference.ListAsync(new RoomQuery(), backward);
            Assert.Equal(theirs.Items.Select(r => r.Id), mine.Items.Select(r => r.Id));
            Assert.Equal((theirs.NextCursor, theirs.PreviousCursor), (mine.NextCursor, mine.PreviousCursor));
            backward = new PageRequest(10, EndBefore: mine.PreviousCursor);
        }
    }

    private async Task AssertIds(RoomQuery query, params Roomcast.Rooms.RoomSnapshot[] expected)
    {
        var page = await Catalog.ListAsync(query, new PageRequest(PageRequest.MaxLimit));
        Assert.Equal(expected.Select(r => r.Id), page.Items.Select(r => r.Id));
    }
}
