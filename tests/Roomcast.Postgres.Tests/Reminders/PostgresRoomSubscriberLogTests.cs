using Microsoft.Extensions.Logging.Abstractions;
using Roomcast.Grains.Tests.Reminders;
using Roomcast.Persistence.Postgres.Reminders;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Reminders;

namespace Roomcast.Postgres.Tests.Reminders;

public sealed class PostgresRoomSubscriberLogTests : RoomSubscriberLogContract, IPostgresTestClass
{
    private TestDatabase? _database;

    protected override async Task<IRoomSubscriberLog> CreateLogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        return new PostgresRoomSubscriberLog(_database.DataSource, NullLogger<PostgresRoomSubscriberLog>.Instance);
    }

    [PostgresFact]
    public async Task A_fan_out_page_is_read_through_the_primary_key()
    {
        await using (var fill = _database!.DataSource.CreateCommand("""
            INSERT INTO roomcast_room_subscribers (room_id, user_id, subscribed_at)
            SELECT gen_random_uuid(), gen_random_uuid(), now() FROM generate_series(1, 5000);
            ANALYZE roomcast_room_subscribers;
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = _database.DataSource.CreateCommand("""
            EXPLAIN SELECT user_id FROM roomcast_room_subscribers WHERE room_id = @room_id AND user_id > @after
             ORDER BY user_id LIMIT 500
            """);
        explain.Parameters.AddWithValue("room_id", Guid.NewGuid());
        explain.Parameters.AddWithValue("after", Guid.NewGuid());
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("roomcast_room_subscribers_pkey", StringComparison.Ordinal));
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
