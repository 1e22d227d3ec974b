using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Grains.Tests.Polls;
using Roomcast.Persistence.Postgres.Polls;
using Roomcast.Polls;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Polls;

public sealed class PostgresPollVoteLogTests : PollVoteLogContract, IPostgresTestClass
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _pooled;

    protected override async Task<IPollVoteLog> CreateLogAsync()
    {
        _database = await TestDatabase.CreateAsync();
        // The concurrent cases need a bounded pool rather than a connection per call (the database's own is unpooled).
        _pooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = true, MaxPoolSize = 8 }.ConnectionString);
        return new PostgresPollVoteLog(_pooled, NullLogger<PostgresPollVoteLog>.Instance);
    }

    [PostgresFact]
    public async Task A_vote_row_keeps_its_options_and_time()
    {
        var poll = Guid.NewGuid();
        var user = Guid.NewGuid();
        await Log.RecordAsync(poll, user, ["o2", "o5"], T0);

        await using var read = _database!.DataSource.CreateCommand("SELECT option_ids, voted_at FROM roomcast_poll_votes WHERE poll_id = @p AND user_id = @u");
        read.Parameters.AddWithValue("p", poll);
        read.Parameters.AddWithValue("u", user);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(["o2", "o5"], reader.GetFieldValue<string[]>(0));
        Assert.Equal(T0, reader.GetFieldValue<DateTimeOffset>(1));
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
