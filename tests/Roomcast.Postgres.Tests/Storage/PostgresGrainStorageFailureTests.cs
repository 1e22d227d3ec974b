using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Errors;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Grains.Sessions;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Persistence.Postgres.Storage;

namespace Roomcast.Postgres.Tests.Storage;

/// <summary>
/// How writes share a batch, and what each writer, reader and clearer gets when the database refuses a row, drops
/// an answer or a connection, or is not there.
/// </summary>
public sealed class PostgresGrainStorageFailureTests : IAsyncLifetime
{
    private const string StateName = "notes";
    private static readonly IServiceProvider Serialization = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [PostgresFact]
    public async Task One_row_refused_in_a_batch_fails_only_its_writer_and_the_others_are_stored()
    {
        // A realistic refusal of one row: its projection breaks a constraint of the catalog table.
        await ExecuteAsync("ALTER TABLE catalog_sessions ADD CONSTRAINT no_poison CHECK (name <> 'poison')");
        var catalog = new PostgresSessionCatalog(_database.DataSource);
        var storage = Storage(_database.DataSource, catalog);
        var sessions = Enumerable.Range(0, 20).Select(i => Snapshots.Session(name: i == 7 ? "poison" : $"session {i}")).ToList();
        var states = sessions.Select(s => new GrainState<SessionGrainState>(new SessionGrainState { Session = s })).ToList();

        var gate = await BatchGate.CloseAsync(_database, storage);
        var writes = sessions.Select((s, i) => Capture(storage.WriteStateAsync("session", SessionGrain(s), states[i]))).ToList();
        await gate.OpenAsync();
        var outcomes = await Task.WhenAll(writes);

        var refused = Assert.IsType<StorageUnavailableException>(outcomes[7]);
        Assert.Contains("23514", refused.Message, StringComparison.Ordinal);
        Assert.Null(refused.InnerException);
        Assert.All(outcomes.Where((_, i) => i != 7), Assert.Null);
        Assert.All(states.Where((_, i) => i != 7), s => Assert.Equal("1", s.ETag));
        Assert.Null(states[7].ETag);
        Assert.False((await ReadAsync<SessionGrainState>(storage, "session", SessionGrain(sessions[7]))).RecordExists);
        var listed = await catalog.GetManyAsync(sessions.Select(s => s.Id).ToList());
        Assert.Equal(sessions.Where((_, i) => i != 7).Select(s => s.Id).Order(), listed.Select(s => s.Id).Order());
    }

    [PostgresFact]
    public async Task A_batch_without_failures_is_written_in_one_statement()
    {
        var statements = new StatementCounter();
        var storage = Storage(_database.DataSource, statements);
        var grains = Enumerable.Range(0, 50).Select(_ => NewGrain()).ToList();

        var gate = await BatchGate.CloseAsync(_database, storage);
        var before = statements.Count;
        var writes = grains.Select(g => storage.WriteStateAsync(StateName, g, new GrainState<List<string>>([g.ToString()]))).ToList();
        await gate.OpenAsync();
        await Task.WhenAll(writes);

        Assert.Equal(before + 1, statements.Count);
    }

    [PostgresFact]
    public async Task A_version_conflict_in_a_batch_fails_only_its_writer()
    {
        var storage = Storage(_database.DataSource);
        var grains = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToList();
        var states = grains.Select(g => new GrainState<List<string>>([g.ToString()])).ToList();
        await Task.WhenAll(grains.Select((g, i) => storage.WriteStateAsync(StateName, g, states[i])));
        states.ForEach(s => s.State!.Add("again"));
        states[3].ETag = "7";

        var gate = await BatchGate.CloseAsync(_database, storage);
        var writes = grains.Select((g, i) => Capture(storage.WriteStateAsync(StateName, g, states[i]))).ToList();
        await gate.OpenAsync();
        var outcomes = await Task.WhenAll(writes);

        Assert.IsType<InconsistentStateException>(outcomes[3]);
        Assert.All(outcomes.Where((_, i) => i != 3), Assert.Null);
        Assert.All(states.Where((_, i) => i != 3), s => Assert.Equal("2", s.ETag));
        Assert.Equal("1", (await ReadAsync<List<string>>(storage, StateName, grains[3])).ETag);
    }

    [PostgresFact]
    public async Task Of_two_writes_of_one_grain_in_a_batch_a_stale_first_one_does_not_stop_the_current_second_one()
    {
        var storage = Storage(_database.DataSource);
        var grain = NewGrain();
        var current = new GrainState<List<string>>(["v1"]);
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = new GrainState<List<string>>(["stale"]) { ETag = "7" };
        current.State = ["v2"];

        var gate = await BatchGate.CloseAsync(_database, storage);
        var first = Capture(storage.WriteStateAsync(StateName, grain, stale));
        var second = Capture(storage.WriteStateAsync(StateName, grain, current));
        await gate.OpenAsync();

        Assert.IsType<InconsistentStateException>(await first);
        Assert.Null(await second);
        var read = await ReadAsync<List<string>>(storage, StateName, grain);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["v2"], read.State);
    }

    [PostgresFact]
    public async Task A_write_or_clear_whose_answer_was_lost_is_acknowledged_when_sent_again()
    {
        var server = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        await using var proxy = AnswerDroppingProxy.Start(server.Host!, server.Port);
        // One pooled connection, kept open between statements and not reset: the dropped answer is the statement's.
        await using var proxied = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, Pooling = true, MaxPoolSize = 1, NoResetOnClose = true,
        }.ConnectionString);
        var storage = Storage(proxied);
        var updated = NewGrain();
        var state = new GrainState<List<string>>(["v1"]);
        await storage.WriteStateAsync(StateName, updated, state);

        state.State = ["v2"];
        proxy.DropNextAnswer();
        await storage.WriteStateAsync(StateName, updated, state);
        Assert.Equal((1, "2"), (proxy.AnswersDropped, state.ETag));

        var inserted = NewGrain();
        var first = new GrainState<List<string>>(["first"]);
        proxy.DropNextAnswer();
        await storage.WriteStateAsync(StateName, inserted, first);
        Assert.Equal((2, "1"), (proxy.AnswersDropped, first.ETag));

        var direct = Storage(_database.DataSource);
        var read = await ReadAsync<List<string>>(direct, StateName, updated);
        Assert.Equal("2", read.ETag);
        Assert.Equal(["v2"], read.State);
        Assert.Equal("1", (await ReadAsync<List<string>>(direct, StateName, inserted)).ETag);

        proxy.DropNextAnswer();
        await storage.ClearStateAsync(StateName, updated, state);
        Assert.Equal(3, proxy.AnswersDropped);
        Assert.False((await ReadAsync<List<string>>(direct, StateName, updated)).RecordExists);
    }

    [PostgresFact]
    public async Task Reads_writes_and_clears_succeed_after_the_pooled_connections_were_terminated()
    {
        const string application = "roomcast-terminated";
        await using var pooled = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            Pooling = true, MaxPoolSize = 4, ApplicationName = application,
        }.ConnectionString);
        var storage = Storage(pooled);
        var grain = NewGrain();
        var state = new GrainState<List<string>>(["kept"]);
        await storage.WriteStateAsync(StateName, grain, state);

        // What a restart of PostgreSQL does to a pool: each idle connection gets 57P01 on its next use.
        Assert.True(await TerminateAsync(application) > 0);
        var read = await ReadAsync<List<string>>(storage, StateName, grain);
        Assert.Equal("1", read.ETag);
        Assert.Equal(["kept"], read.State);

        Assert.True(await TerminateAsync(application) > 0);
        state.State = ["again"];
        await storage.WriteStateAsync(StateName, grain, state);
        Assert.Equal("2", state.ETag);

        Assert.True(await TerminateAsync(application) > 0);
        await storage.ClearStateAsync(StateName, grain, state);
        Assert.False((await ReadAsync<List<string>>(storage, StateName, grain)).RecordExists);
    }

    [PostgresFact]
    public async Task With_PostgreSQL_unreachable_reads_writes_and_clears_throw_StorageUnavailableException()
    {
        await using var nowhere = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString)
        {
            Host = "127.0.0.1", Port = UnreachablePostgres.ClosedPort(), Timeout = 5,
        }.ConnectionString);
        var log = new ListLogger();
        var storage = Storage(nowhere, log);
        var grain = NewGrain();

        var read = await Assert.ThrowsAsync<StorageUnavailableException>(() => ReadAsync<List<string>>(storage, StateName, grain));
        var write = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.WriteStateAsync(StateName, grain, new GrainState<List<string>>(["lost"])));
        var clear = await Assert.ThrowsAsync<StorageUnavailableException>(
            () => storage.ClearStateAsync(StateName, grain, new GrainState<List<string>>([]) { ETag = "1" }));

        Assert.All(new[] { read, write, clear }, e => Assert.Null(e.InnerException));
        Assert.Contains("read", read.Message, StringComparison.Ordinal);
        Assert.Contains("write", write.Message, StringComparison.Ordinal);
        Assert.Contains("clear", clear.Message, StringComparison.Ordinal);

        // The driver's exception stays here, in the log: one error per failed operation, after the retries.
        var errors = log.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Equal(3, errors.Count);
        Assert.All(errors, e => Assert.IsAssignableFrom<NpgsqlException>(e.Exception));
        Assert.Equal(3 * PostgresGrainStorage.MaxRetries, log.Entries.Count(e => e.Level == LogLevel.Warning));
    }

    [PostgresFact]
    public async Task A_read_that_times_out_is_not_tried_again_and_throws_StorageUnavailableException()
    {
        // A server that never answers: the kernel accepts the connection, nobody reads it.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            await using var unanswered = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_database.ConnectionString)
            {
                Host = "127.0.0.1", Port = ((IPEndPoint)silent.LocalEndpoint).Port, Timeout = 1,
            }.ConnectionString);
            var log = new ListLogger();

            var error = await Assert.ThrowsAsync<StorageUnavailableException>(
                () => ReadAsync<List<string>>(Storage(unanswered, log), StateName, NewGrain()));

            Assert.Null(error.InnerException);
            Assert.DoesNotContain(log.Entries, e => e.Level == LogLevel.Warning);
            Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        }
        finally
        {
            silent.Stop();
        }
    }

    private async Task<int> TerminateAsync(string application)
    {
        await using var command = _database.DataSource.CreateCommand("""
            WITH pooled AS MATERIALIZED (
                SELECT pid FROM pg_stat_activity WHERE application_name = @application AND datname = current_database())
            SELECT count(*)::integer FROM pooled WHERE pg_terminate_backend(pid, 10000)
            """);
        command.Parameters.AddWithValue("application", application);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }


    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static PostgresGrainStorage Storage(NpgsqlDataSource dataSource, params IGrainStateProjection[] projections) =>
        Storage(dataSource, NullLogger<PostgresGrainStorage>.Instance, projections);

    private static PostgresGrainStorage Storage(
        NpgsqlDataSource dataSource, ILogger<PostgresGrainStorage> logger, params IGrainStateProjection[] projections) => new(
        "test", "roomcast-tests", dataSource,
        new OrleansGrainStorageSerializer(Serialization.GetRequiredService<Serializer>()),
        Serialization.GetRequiredService<IActivatorProvider>(),
        projections,
        logger);

    /// <summary>A projection that writes nothing and counts the write statements it is asked to join.</summary>
    private sealed class StatementCounter : IGrainStateProjection
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public object? RowOf(object state) => state;

        public string Sql(string writtenCte)
        {
            Interlocked.Increment(ref _count);
            return $"SELECT grain_id FROM {writtenCte}";
        }

        public void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows)
        {
        }
    }

    private sealed class ListLogger : ILogger<PostgresGrainStorage>
    {
        private readonly List<(LogLevel Level, Exception? Exception)> _entries = [];

        public IReadOnlyList<(LogLevel Level, Exception? Exception)> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_entries)
            {
                _entries.Add((logLevel, exception));
            }
        }
    }

    private static async Task<GrainState<T>> ReadAsync<T>(PostgresGrainStorage storage, string stateName, GrainId grain)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private static GrainId NewGrain() => GrainId.Create("note", Guid.NewGuid().ToString("N"));

    private static GrainId SessionGrain(Roomcast.Sessions.SessionSnapshot session) => GrainId.Create("session", session.Id.ToString("N"));

    /// <summary>
    /// Holds the storage's flush on a row lock the test owns, so that the writes started meanwhile queue up and all
    /// go in the one batch after it: which writes share a statement is then the test's choice, not the scheduler's.
    /// </summary>
    private sealed class BatchGate(NpgsqlConnection connection, NpgsqlTransaction transaction, Task held)
    {
        public static async Task<BatchGate> CloseAsync(TestDatabase database, PostgresGrainStorage storage)
        {
            var blocker = NewGrain();
            var state = new GrainState<List<string>>(["blocker"]);
            await storage.WriteStateAsync(StateName, blocker, state);

            var connection = await database.DataSource.OpenConnectionAsync();
            var transaction = await connection.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT FROM grain_state WHERE grain_id = @grain_id FOR UPDATE", connection, transaction))
            {
                lockRow.Parameters.AddWithValue("grain_id", blocker.ToString());
                await lockRow.ExecuteNonQueryAsync();
            }

            var held = storage.WriteStateAsync(StateName, blocker, state);
            await using var waiting = database.DataSource.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            while ((long)(await waiting.ExecuteScalarAsync())! == 0)
            {
                Assert.False(held.IsCompleted, "The held write finished without waiting for the lock.");
                await Task.Delay(10);
            }

            return new BatchGate(connection, transaction, held);
        }

        public async Task OpenAsync()
        {
            await transaction.CommitAsync();
            await held;
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
