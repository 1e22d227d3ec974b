using Roomcast.Catalog;
using Roomcast.Grains.Catalog;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class InMemoryRoomCatalogTests : RoomCatalogContract
{
    protected override Task<IRoomCatalog> CreateCatalogAsync() => Task.FromResult<IRoomCatalog>(new InMemoryRoomCatalog());
}
