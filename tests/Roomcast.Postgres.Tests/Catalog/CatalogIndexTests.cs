using System.Text;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Catalog;

public sealed class CatalogIndexTests
{
    [PostgresFact]
    public async Task Listing_a_room_uses_an_index()
    {
        await using var database = await TestDatabase.CreateAsync();
        var catalog = new PostgresSessionCatalog(database.DataSource);
        var rooms = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray();
        await catalog.UpsertAsync(Snapshots.Session(roomId: rooms[0]));

        // Bulk rows straight in SQL, shaped like the catalog's own (the plan only looks at the indexed columns).
        await using (var fill = database.DataSource.CreateCommand("""
            INSERT INTO catalog_sessions (id, library_id, room_id, host_id, state, type, visibility, name, created_ticks, created_on,
                scheduled_ticks, scheduled_at, duration_seconds, change_sequence, deleted, snapshot)
            SELECT gen_random_uuid(), gen_random_uuid(), (@rooms)[1 + i % 20], gen_random_uuid(), 0, 0, 0, 'n' || i, 638000000000000000 + i,
                now(), 0, now(), 0, 1, false, (SELECT snapshot FROM catalog_sessions LIMIT 1)
              FROM generate_series(1, 5000) AS i
            """))
        {
            fill.Parameters.AddWithValue("rooms", rooms);
            await fill.ExecuteNonQueryAsync();
        }

        await using (var analyze = database.DataSource.CreateCommand("ANALYZE catalog_sessions"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // The statement PostgresSessionCatalog.ListAsync issues for { RoomId } with a cursor.
        await using var explain = database.DataSource.CreateCommand("""
            EXPLAIN SELECT snapshot FROM catalog_sessions
             WHERE NOT deleted AND room_id = @room_id AND (created_ticks, id) < (@cursor_ticks, @cursor_id)
             ORDER BY created_ticks DESC, id DESC LIMIT @page_limit
            """);
        explain.Parameters.AddWithValue("room_id", rooms[3]);
        explain.Parameters.AddWithValue("cursor_ticks", 638000000000004000L);
        explain.Parameters.AddWithValue("cursor_id", Guid.Empty);
        explain.Parameters.AddWithValue("page_limit", 11);
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        Assert.Contains("Index", plan.ToString(), StringComparison.Ordinal);
        Assert.Contains("ix_catalog_sessions_room", plan.ToString(), StringComparison.Ordinal);
    }
}
