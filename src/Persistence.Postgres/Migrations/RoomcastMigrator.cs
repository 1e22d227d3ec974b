using System.Net.Sockets;
using DbUp;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Roomcast.Persistence.Postgres.Migrations;

/// <summary>
/// Applies the embedded SQL scripts (Orleans ADO.NET schema and queries, catalog tables) with DbUp.
/// Several silos may start at once: a session-level advisory lock lets one migrate while the others
/// wait, then find nothing left to do.
/// </summary>
public sealed partial class RoomcastMigrator(string connectionString, ILogger<RoomcastMigrator> logger)
{
    /// <summary>The advisory lock key every Roomcast process agrees on ("Roomcast" in ASCII).</summary>
    public const long AdvisoryLockKey = 0x526F_6F6D_6361_7374;

    private const string ScriptPrefix = "Roomcast.Silo.Migrations.Scripts.";

    /// <summary>Runs the pending scripts; returns the names of the scripts it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await OpenAsync(dataSource, cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            lockCommand.CommandTimeout = 0;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            // DbUp is synchronous; it opens its own connection while this one holds the lock.
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(RoomcastMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                .WithTransactionPerScript()
                .WithVariablesDisabled()
                .LogToNowhere()
                .Build()
                .PerformUpgrade();

            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error?.Message}", result.Error);
            }

            var applied = result.Scripts.Select(s => s.Name).ToList();
            foreach (var script in applied)
            {
                LogApplied(script);
            }

            LogUpToDate(connection.Database, applied.Count);
            return applied;
        }
        finally
        {
            await using var unlockCommand = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            unlockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await unlockCommand.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            var target = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new InvalidOperationException(
                $"Storage=Postgres: cannot reach PostgreSQL at {target.Host}:{target.Port}, database '{target.Database}' " +
                $"as '{target.Username}' ({ex.Message}). Check ConnectionStrings:Roomcast and that the server is running.", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private partial void LogApplied(string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} is up to date ({Count} scripts applied now)")]
    private partial void LogUpToDate(string database, int count);
}
