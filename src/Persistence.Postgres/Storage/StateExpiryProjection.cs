using Npgsql;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Grains.Expiry;

namespace Roomcast.Persistence.Postgres.Storage;

/// <summary>
/// Notes, in <c>state_expiry</c>, when each <see cref="IExpiringState"/> expires, in the same statement as the
/// state's write; <see cref="PostgresExpiredStateSweeper"/> reads it. Keyed by grain: a grain with an expiring
/// state has no other state.
/// </summary>
public sealed class StateExpiryProjection : IGrainStateProjection
{
    public object? RowOf(object state) => state is IExpiringState { ExpiresAt: { } expiresAt } ? expiresAt : null;

    public string Sql(string writtenCte) => $"""
        INSERT INTO state_expiry AS x (service_id, grain_id, expires_at)
        SELECT @service_id, e.grain_id, e.expires_at
          FROM unnest(@expiry_grain_id, @expiry_at) AS e(grain_id, expires_at)
         WHERE e.grain_id IN (SELECT grain_id FROM {writtenCte})
        ON CONFLICT (service_id, grain_id) DO UPDATE SET expires_at = EXCLUDED.expires_at
        """;

    public void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows)
    {
        parameters.AddWithValue("expiry_grain_id", rows.Select(r => r.GrainId).ToArray());
        parameters.AddWithValue("expiry_at", rows.Select(r => ((DateTimeOffset)r.Row).ToUniversalTime()).ToArray());
    }
}
