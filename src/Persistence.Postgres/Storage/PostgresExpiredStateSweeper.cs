using Npgsql;
using Roomcast.Grains.Expiry;

namespace Roomcast.Persistence.Postgres.Storage;

/// <summary>
/// Deletes expired states from <c>grain_state</c> in batches, with their <c>state_expiry</c> rows. Two silos
/// sweeping at once skip each other's rows.
/// </summary>
public sealed class PostgresExpiredStateSweeper(NpgsqlDataSource dataSource, string serviceId) : IExpiredStateSweeper
{
    public const int BatchSize = 1000;

    private const string SweepSql = """
        WITH due AS (
            DELETE FROM state_expiry
             WHERE service_id = @service_id
               AND grain_id IN (SELECT grain_id FROM state_expiry
                                 WHERE service_id = @service_id AND expires_at <= @now
                                 ORDER BY expires_at LIMIT @batch
                                   FOR UPDATE SKIP LOCKED)
            RETURNING grain_id),
        deleted AS (
            DELETE FROM grain_state AS g USING due
             WHERE g.service_id = @service_id AND g.grain_id = due.grain_id
            RETURNING 1)
        SELECT (SELECT count(*) FROM due)::int, (SELECT count(*) FROM deleted)::int
        """;

    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            await using var command = dataSource.CreateCommand(SweepSql);
            command.Parameters.AddWithValue("service_id", serviceId);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("batch", BatchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var due = reader.GetInt32(0);
            deleted += reader.GetInt32(1);
            if (due < BatchSize)
            {
                return deleted;
            }
        }
    }
}
