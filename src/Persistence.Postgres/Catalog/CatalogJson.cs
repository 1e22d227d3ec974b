using System.Text.Json;
using Npgsql;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>How snapshots are stored in the catalog's jsonb column; one setting for writing and reading.</summary>
internal static class CatalogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    /// <summary>Reads the snapshot in the first column of every row the command returns.</summary>
    public static async Task<List<T>> ReadSnapshotsAsync<T>(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Options)
                ?? throw new InvalidOperationException($"The catalog holds a null {typeof(T).Name}."));
        }

        return rows;
    }
}
