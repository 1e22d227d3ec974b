using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Rooms;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>The cluster-mode room catalog: one row per room in <c>catalog_rooms</c>.</summary>
public sealed class PostgresRoomCatalog(NpgsqlDataSource dataSource) : IRoomCatalog
{
    private const string UpsertSql = """
        INSERT INTO catalog_rooms AS r
            (id, library_id, owner_id, visibility, title, created_ticks, created_on, change_sequence, deleted, snapshot)
        VALUES
            (@id, @library_id, @owner_id, @visibility, @title, @created_ticks, @created_on, @change_sequence, @deleted, @snapshot)
        ON CONFLICT (id) DO UPDATE SET
            library_id = EXCLUDED.library_id, owner_id = EXCLUDED.owner_id, visibility = EXCLUDED.visibility, title = EXCLUDED.title,
            created_ticks = EXCLUDED.created_ticks, created_on = EXCLUDED.created_on,
            change_sequence = EXCLUDED.change_sequence, deleted = EXCLUDED.deleted, snapshot = EXCLUDED.snapshot
        WHERE r.change_sequence < EXCLUDED.change_sequence
        """;

    public async Task UpsertAsync(RoomSnapshot room, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        var p = command.Parameters;
        p.AddWithValue("id", room.Id);
        p.AddWithValue("library_id", room.LibraryId);
        p.AddWithValue("owner_id", room.OwnerId);
        p.AddWithValue("visibility", (short)room.Visibility);
        p.AddWithValue("title", room.Title);
        p.AddWithValue("created_ticks", room.CreatedOn.UtcTicks);
        p.AddWithValue("created_on", room.CreatedOn.ToUniversalTime());
        p.AddWithValue("change_sequence", room.ChangeSequence);
        p.AddWithValue("deleted", room.Deleted);
        p.AddWithValue("snapshot", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(room, CatalogJson.Options));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RoomSnapshot?> GetAsync(Guid roomId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT snapshot FROM catalog_rooms WHERE id = @id");
        command.Parameters.AddWithValue("id", roomId);
        return (await CatalogJson.ReadSnapshotsAsync<RoomSnapshot>(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<Page<RoomSnapshot>> ListAsync(RoomQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var keyset = new KeysetSql(page);
        await using var command = dataSource.CreateCommand();
        var where = new SqlConditions(command);
        where.Equal("library_id", query.LibraryId);
        where.Equal("owner_id", query.OwnerId);
        where.Equal("visibility", (short?)query.Visibility);
        where.Contains("title", query.TitleContains);
        var conditions = where.Clauses;
        var tail = keyset.Apply(conditions, command);
        command.CommandText = "SELECT snapshot FROM catalog_rooms WHERE " + string.Join(" AND ", conditions) + tail;

        var rows = await CatalogJson.ReadSnapshotsAsync<RoomSnapshot>(command, cancellationToken);
        return keyset.ToPage(rows, r => new CatalogCursor(r.CreatedOn, r.Id));
    }
}
