using Roomcast.Catalog;
using Roomcast.Grains.Catalog.Postgres;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class PostgresSessionCatalogTests : SessionCatalogContract, IPostgresTestClass
{
    private TestDatabase? _database;

    protected override async Task<ISessionCatalog> CreateCatalogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        return new PostgresSessionCatalog(_database.DataSource);
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
