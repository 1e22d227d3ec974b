using Npgsql;
using Roomcast.Catalog;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class PostgresSessionCatalogTests : SessionCatalogContract, IPostgresTestClass
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _pooled;

    protected override async Task<ISessionCatalog> CreateCatalogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // Each upsert is a statement of its own (production writes rows with the grain state, in batches), so the
        // concurrent-upsert case needs a bounded pool rather than a connection per call.
        _pooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = true, MaxPoolSize = 8 }.ConnectionString);
        return new PostgresSessionCatalog(_pooled);
    }

    public override async Task DisposeAsync()
    {
        if (_pooled is not null)
        {
            await _pooled.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
