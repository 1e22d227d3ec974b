using System.Security.Claims;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Roomcast.Bench.Peer;

/// <summary>The <c>peer_sessions</c> table and every statement the peer runs on it.</summary>
public sealed class PeerSessionStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns =
        "id, room_id, host_id, library_id, name, description, type, state, visibility, scheduled_at, started_at, ended_at, " +
        "end_reason, duration_seconds, settings, config, sources, meta, product, created_by, version, change_sequence, created_on, updated_on";

    private const string SelectById = $"SELECT {Columns} FROM peer_sessions WHERE id = $1";

    private const string Rename =
        $"UPDATE peer_sessions SET name = $3, updated_on = $4, change_sequence = change_sequence + 1 WHERE id = $1 AND change_sequence = $2 RETURNING {Columns}";

    /// <summary>Tries of a rename whose client named no change sequence, when another writer came in between read and write.</summary>
    private const int UnconditionalTries = 3;

    public async Task<PeerSession?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = db.CreateCommand(SelectById);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await ReadOneAsync(command, cancellationToken);
    }

    /// <summary>
    /// Reads the row and writes the new name in one transaction, guarded by the change sequence read (or the one the
    /// client expects): a writer that came in between makes the update match no row.
    /// </summary>
    public async Task<RenameOutcome> RenameAsync(Guid id, string name, long? expected, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            await using var select = new NpgsqlCommand(SelectById, connection, transaction);
            select.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            var current = await ReadOneAsync(select, cancellationToken);
            if (current is null)
            {
                return new RenameOutcome(RenameStatus.NotFound);
            }

            if (!SessionAccess.MayManage(caller, current))
            {
                return new RenameOutcome(RenameStatus.Forbidden);
            }

            if (expected is { } sequence && sequence != current.ChangeSequence)
            {
                return new RenameOutcome(RenameStatus.Conflict, current);
            }

            await using var update = new NpgsqlCommand(Rename, connection, transaction);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = current.ChangeSequence });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            update.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            if (await ReadOneAsync(update, cancellationToken) is { } renamed)
            {
                await transaction.CommitAsync(cancellationToken);
                return new RenameOutcome(RenameStatus.Renamed, renamed);
            }

            // Lost the race. A client that named a version gets the conflict; one that did not asked for last-writer-wins.
            if (expected is not null || attempt == UnconditionalTries)
            {
                return new RenameOutcome(RenameStatus.Conflict);
            }
        }
    }

    /// <summary>Drops and recreates the table with one row per session envelope given (Roomcast's answers, one per line).</summary>
    public async Task RecreateAsync(IEnumerable<string> envelopes, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(
            """
            DROP TABLE IF EXISTS peer_sessions;
            CREATE TABLE peer_sessions (
                id uuid PRIMARY KEY,
                room_id uuid NOT NULL,
                host_id uuid NOT NULL,
                library_id uuid NOT NULL,
                name text NOT NULL,
                description text,
                type text NOT NULL,
                state text NOT NULL,
                visibility text NOT NULL,
                scheduled_at timestamptz NOT NULL,
                started_at timestamptz,
                ended_at timestamptz,
                end_reason text,
                duration_seconds bigint NOT NULL,
                settings jsonb NOT NULL,
                config jsonb NOT NULL,
                sources jsonb NOT NULL,
                meta jsonb NOT NULL,
                product text NOT NULL,
                created_by uuid NOT NULL,
                version int NOT NULL,
                change_sequence bigint NOT NULL,
                created_on timestamptz NOT NULL,
                updated_on timestamptz NOT NULL);
            CREATE INDEX ON peer_sessions (room_id);
            """, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var line in envelopes.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            using var document = JsonDocument.Parse(line);
            var s = document.RootElement.GetProperty("data");
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO peer_sessions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)",
                connection, transaction);
            insert.Parameters.AddWithValue(s.GetProperty("id").GetGuid());
            insert.Parameters.AddWithValue(s.GetProperty("room_id").GetGuid());
            insert.Parameters.AddWithValue(s.GetProperty("host_id").GetGuid());
            insert.Parameters.AddWithValue(s.GetProperty("library_id").GetGuid());
            insert.Parameters.AddWithValue(s.GetProperty("name").GetString()!);
            insert.Parameters.AddWithValue(NullableText(s, "description"));
            insert.Parameters.AddWithValue(s.GetProperty("type").GetString()!);
            insert.Parameters.AddWithValue(s.GetProperty("state").GetString()!);
            insert.Parameters.AddWithValue(s.GetProperty("visibility").GetString()!);
            insert.Parameters.AddWithValue(s.GetProperty("scheduled_at").GetDateTimeOffset().ToUniversalTime());
            insert.Parameters.AddWithValue(NullableTime(s, "started_at"));
            insert.Parameters.AddWithValue(NullableTime(s, "ended_at"));
            insert.Parameters.AddWithValue(NullableText(s, "end_reason"));
            insert.Parameters.AddWithValue(s.GetProperty("duration").GetInt64());
            foreach (var json in new[] { "settings", "config", "sources", "meta" })
            {
                insert.Parameters.AddWithValue(NpgsqlDbType.Jsonb, s.GetProperty(json).GetRawText());
            }

            insert.Parameters.AddWithValue(s.GetProperty("product").GetString()!);
            insert.Parameters.AddWithValue(s.GetProperty("user").GetGuid());
            insert.Parameters.AddWithValue(s.GetProperty("version").GetInt32());
            insert.Parameters.AddWithValue(s.GetProperty("change_sequence").GetInt64());
            insert.Parameters.AddWithValue(s.GetProperty("created_on").GetDateTimeOffset().ToUniversalTime());
            insert.Parameters.AddWithValue(s.GetProperty("updated_on").GetDateTimeOffset().ToUniversalTime());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await using var analyze = new NpgsqlCommand("ANALYZE peer_sessions", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PeerSession?> ReadOneAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new PeerSession(
            Id: reader.GetGuid(0),
            RoomId: reader.GetGuid(1),
            HostId: reader.GetGuid(2),
            LibraryId: reader.GetGuid(3),
            Name: reader.GetString(4),
            Description: reader.IsDBNull(5) ? null : reader.GetString(5),
            Type: reader.GetString(6),
            State: reader.GetString(7),
            Visibility: reader.GetString(8),
            ScheduledAt: reader.GetFieldValue<DateTimeOffset>(9),
            StartedAt: reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
            EndedAt: reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
            EndReason: reader.IsDBNull(12) ? null : reader.GetString(12),
            Duration: reader.GetInt64(13),
            Timestamp: reader.GetFieldValue<DateTimeOffset>(22),
            Settings: reader.GetFieldValue<JsonElement>(14),
            Config: reader.GetFieldValue<JsonElement>(15),
            Sources: reader.GetFieldValue<JsonElement>(16),
            Meta: reader.GetFieldValue<JsonElement>(17),
            Product: reader.GetString(18),
            User: reader.GetGuid(19),
            Version: reader.GetInt32(20),
            ChangeSequence: reader.GetInt64(21),
            CreatedOn: reader.GetFieldValue<DateTimeOffset>(22),
            UpdatedOn: reader.GetFieldValue<DateTimeOffset>(23));
    }

    private static object NullableText(JsonElement session, string field) =>
        session.GetProperty(field).ValueKind == JsonValueKind.Null ? DBNull.Value : session.GetProperty(field).GetString()!;

    private static object NullableTime(JsonElement session, string field) =>
        session.GetProperty(field).ValueKind == JsonValueKind.Null ? DBNull.Value : session.GetProperty(field).GetDateTimeOffset().ToUniversalTime();
}
