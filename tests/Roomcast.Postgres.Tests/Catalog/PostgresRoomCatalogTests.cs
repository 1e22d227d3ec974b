using Roomcast.Catalog;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class PostgresRoomCatalogTests : RoomCatalogContract, IPostgresTestClass
{
    private TestDatabase? _database;

    protected override async Task<IRoomCatalog> CreateCatalogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        return new PostgresRoomCatalog(_database.DataSource);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
