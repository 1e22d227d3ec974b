using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Roomcast.Persistence.Postgres.Migrations;

namespace Roomcast.Postgres.Tests.Infrastructure;

/// <summary>A fresh database (roomcast_t_&lt;random&gt;) for one test or fixture, dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var server = PostgresTestEnvironment.RequireConnectionString();
        var name = $"roomcast_t_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            // Identifiers cannot be parameters; the name is generated here, never taken from input.
            await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        var database = new TestDatabase(server, name, connectionString);
        if (migrate)
        {
            await database.MigrateAsync();
        }

        return database;
    }

    public Task<IReadOnlyList<string>> MigrateAsync() =>
        new RoomcastMigrator(ConnectionString, NullLogger<RoomcastMigrator>.Instance).MigrateAsync();

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var admin = NpgsqlDataSource.Create(_serverConnectionString);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                // FORCE may terminate only our own role's connections: an autovacuum worker busy in the fresh database
                // runs as the bootstrap superuser. It is done within moments.
                await Task.Delay(100);
            }
        }
    }
}
