using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Audience;
using Roomcast.Grains.Tests.Audience;
using Roomcast.Persistence.Postgres.Audience;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Audience;

public sealed class PostgresAttendanceLogTests : AttendanceLogContract, IPostgresTestClass
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _pooled;

    protected override async Task<IAttendanceLog> CreateLogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // The concurrent cases need a bounded pool rather than a connection per call (the database's own is unpooled).
        _pooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = true, MaxPoolSize = 8 }.ConnectionString);
        return new PostgresAttendanceLog(_pooled, NullLogger<PostgresAttendanceLog>.Instance);
    }

    [PostgresFact]
    public async Task A_session_page_is_read_through_the_keyset_index()
    {
        await using (var fill = _database!.DataSource.CreateCommand("""
            INSERT INTO roomcast_attendance (session_id, user_id, display_name, role, first_joined_ticks, first_joined_at, last_seen_at, open_since)
            SELECT gen_random_uuid(), gen_random_uuid(), 'x', 1, i, now(), now(), now() FROM generate_series(1, 5000) AS i;
            ANALYZE roomcast_attendance;
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = _database.DataSource.CreateCommand("""
            EXPLAIN SELECT user_id FROM roomcast_attendance WHERE session_id = @session_id
             ORDER BY first_joined_ticks DESC, user_id DESC LIMIT 11
            """);
        explain.Parameters.AddWithValue("session_id", Guid.NewGuid());
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("ix_roomcast_attendance_joined", StringComparison.Ordinal));
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
