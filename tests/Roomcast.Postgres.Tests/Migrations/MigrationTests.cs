using Npgsql;
using Roomcast.Postgres.Tests.Infrastructure;

namespace Roomcast.Postgres.Tests.Migrations;

public sealed class MigrationTests
{
    private static readonly string[] RequiredQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey",
        "ReadRangeRows1Key", "ReadRangeRows2Key", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
    ];

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
