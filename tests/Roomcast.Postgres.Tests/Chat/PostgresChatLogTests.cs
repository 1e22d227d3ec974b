using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Chat;
using Roomcast.Grains.Tests.Chat;
using Roomcast.Persistence.Postgres.Chat;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Chat;

public sealed class PostgresChatLogTests : ChatLogContract, IPostgresTestClass
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _pooled;

    protected override async Task<IChatLog> CreateLogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // The concurrent cases need a bounded pool rather than a connection per call (the database's own is unpooled).
        _pooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = true, MaxPoolSize = 8 }.ConnectionString);
        return new PostgresChatLog(_pooled, NullLogger<PostgresChatLog>.Instance);
    }

    [PostgresFact]
    public async Task A_history_page_is_read_through_the_index_of_visible_messages()
    {
        await using (var fill = _database!.DataSource.CreateCommand("""
            INSERT INTO roomcast_chat_messages (session_id, seq, message_id, user_id, display_name, text, sent_at)
            SELECT gen_random_uuid(), i, gen_random_uuid(), gen_random_uuid(), 'x', 'y', now() FROM generate_series(1, 5000) AS i;
            ANALYZE roomcast_chat_messages;
            """))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = _database.DataSource.CreateCommand("""
            EXPLAIN SELECT message_id FROM roomcast_chat_messages WHERE session_id = @session_id AND deleted_at IS NULL
             ORDER BY seq DESC LIMIT 11
            """);
        explain.Parameters.AddWithValue("session_id", Guid.NewGuid());
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("roomcast_chat_messages", StringComparison.Ordinal) && line.Contains("Index", StringComparison.Ordinal));
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
