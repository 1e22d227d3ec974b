using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Catalog;
using Roomcast.Grains.Tests.Catalog;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class PostgresRecordingCatalogTests : RecordingCatalogContract, IPostgresTestClass
{
    /// <summary>Smaller than the contract's row count, so that reading everything takes several batches.</summary>
    private const int BatchSize = ReadAllRowCount / 3;

    private TestDatabase? _database;

    protected override async Task<IRecordingCatalog> CreateCatalogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        return new PostgresRecordingCatalog(_database.DataSource, NullLogger<PostgresRecordingCatalog>.Instance, BatchSize);
    }

    [PostgresFact]
    public async Task ReadAll_ends_cleanly_when_the_rows_fill_the_last_batch_exactly()
    {
        var rows = Enumerable.Range(0, BatchSize * 2).Select(_ => TestRecordings.New()).ToList();
        foreach (var r in rows)
        {
            await Catalog.UpsertAsync(r);
        }

        var read = new List<Guid>();
        await foreach (var r in Catalog.ReadAllAsync())
        {
            read.Add(r.Id);
        }

        Assert.Equal(rows.Select(r => r.Id).Order(), read);
    }

    [PostgresTheory]
    [InlineData("owner", "ix_catalog_recordings_owner")]
    [InlineData("session", "ix_catalog_recordings_session")]
    public async Task A_listing_page_is_read_through_its_index(string listing, string index)
    {
        // Shaped like real data: a few libraries, many owners and sessions.
        var libraries = new[] { Guid.NewGuid(), Guid.NewGuid() };
        await using (var fill = _database!.DataSource.CreateCommand("""
            INSERT INTO catalog_recordings (id, library_id, owner_id, session_id, status, created_ticks, created_on, change_sequence, deleted, snapshot)
            SELECT gen_random_uuid(), (@libraries)[1 + i % 2], gen_random_uuid(), gen_random_uuid(), i % 5, 638000000000000000 + i, now(), 1, false, '{}'
              FROM generate_series(1, 5000) AS i;
            ANALYZE catalog_recordings;
            """))
        {
            fill.Parameters.AddWithValue("libraries", libraries);
            await fill.ExecuteNonQueryAsync();
        }

        // The statements PostgresRecordingCatalog.ListAsync issues for "my recordings" and for a session's, with a cursor.
        var condition = listing == "owner" ? "library_id = @a AND owner_id = @b" : "session_id = @a";
        await using var explain = _database.DataSource.CreateCommand($"""
            EXPLAIN SELECT snapshot FROM catalog_recordings
             WHERE NOT deleted AND {condition} AND (created_ticks, id) < (@cursor_ticks, @cursor_id)
             ORDER BY created_ticks DESC, id DESC LIMIT 11
            """);
        explain.Parameters.AddWithValue("a", listing == "owner" ? libraries[0] : Guid.NewGuid());
        explain.Parameters.AddWithValue("b", Guid.NewGuid());
        explain.Parameters.AddWithValue("cursor_ticks", 638000000000002500L);
        explain.Parameters.AddWithValue("cursor_id", Guid.NewGuid());
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
