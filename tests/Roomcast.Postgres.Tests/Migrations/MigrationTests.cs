using Npgsql;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Persistence.Postgres.Migrations;

namespace Roomcast.Postgres.Tests.Migrations;

public sealed class MigrationTests
{
    private static readonly string[] RequiredQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    // Grain state goes through Roomcast's own provider (grain_state); the ADO.NET provider's are not kept.
    private static readonly string[] DeadQueryKeys = ["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    [PostgresFact]
    public async Task Running_twice_applies_everything_once()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();

        Assert.NotEmpty(first);
        Assert.Empty(second);
        Assert.Equal(first.Count, await ScalarAsync<long>(database, "SELECT count(*) FROM schemaversions"));
        var keys = new List<string>();
        await using (var command = database.DataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Empty(RequiredQueryKeys.Except(keys));
        Assert.Empty(DeadQueryKeys.Intersect(keys));
        Assert.True(await ScalarAsync<bool>(database, "SELECT to_regclass('orleansstorage') IS NULL"));
        Assert.True(await ScalarAsync<bool>(database, "SELECT to_regclass('grain_state') IS NOT NULL"));
    }

    [PostgresFact]
    public async Task Every_script_can_run_again_over_its_own_result()
    {
        // The scripts were squashed: a database the earlier scripts created runs them all once more, over objects
        // that already exist.
        await using var database = await TestDatabase.CreateAsync();
        var scripts = typeof(RoomcastMigrator).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Roomcast.Silo.Migrations.Scripts.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(scripts);

        foreach (var script in scripts)
        {
            await using var stream = typeof(RoomcastMigrator).Assembly.GetManifestResourceStream(script)!;
            using var text = new StreamReader(stream);
            await using var again = database.DataSource.CreateCommand(await text.ReadToEndAsync());
            await again.ExecuteNonQueryAsync();
        }

        var keys = await ScalarAsync<long>(database, "SELECT count(*) FROM OrleansQuery");
        Assert.Equal(RequiredQueryKeys.Length, keys);
    }

    [PostgresFact]
    public async Task A_database_from_before_the_squash_is_brought_up_to_date_and_loses_the_dead_storage_table()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using (var old = database.DataSource.CreateCommand("""
            CREATE TABLE OrleansQuery (QueryKey varchar(64) NOT NULL PRIMARY KEY, QueryText varchar(8000) NOT NULL);
            INSERT INTO OrleansQuery VALUES ('WriteToStorageKey', 'SELECT 1;'), ('GatewaysQueryKey', 'SELECT 0;');
            CREATE TABLE OrleansStorage (GrainIdHash integer NOT NULL, PayloadBinary bytea NULL);
            """))
        {
            await old.ExecuteNonQueryAsync();
        }

        await database.MigrateAsync();

        Assert.True(await ScalarAsync<bool>(database, "SELECT to_regclass('orleansstorage') IS NULL"));
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'"));
        Assert.Contains("OrleansMembershipTable", await ScalarAsync<string>(database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'GatewaysQueryKey'"));
    }

    [PostgresFact]
    public async Task Three_concurrent_runs_serialize_on_the_advisory_lock()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(database.MigrateAsync)));

        Assert.Single(runs, applied => applied.Count > 0);
        Assert.Equal(runs.Sum(r => r.Count), await ScalarAsync<long>(database, "SELECT count(*) FROM schemaversions"));
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
