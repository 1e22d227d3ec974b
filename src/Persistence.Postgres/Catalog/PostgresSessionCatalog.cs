using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Roomcast.Catalog;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Sessions;
using Roomcast.Sessions;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>
/// The cluster-mode session catalog: one row per session in <c>catalog_sessions</c>. Rows are written by the
/// PostgreSQL grain storage in the same statement as the session's state (<see cref="IGrainStateProjection"/>);
/// this class owns that statement (<see cref="UpsertRowsSql"/>).
/// </summary>
public sealed class PostgresSessionCatalog(NpgsqlDataSource dataSource) : ISessionCatalog, IGrainStateProjection
{
    /// <summary>The grain ids the standalone upsert names as "written": every row it is given.</summary>
    private const string GivenRowsCte = "given_rows";

    private static readonly string StandaloneUpsertSql = $"""
        WITH {GivenRowsCte} AS (SELECT unnest(@projected_grain_id) AS grain_id)
        {UpsertRowsSql(GivenRowsCte)}
        """;

    private const string StatsSql = """
        SELECT count(*),
               count(*) FILTER (WHERE state = @scheduled),
               count(*) FILTER (WHERE state = @live),
               count(*) FILTER (WHERE state = @ended),
               count(*) FILTER (WHERE state = @cancelled),
               count(*) FILTER (WHERE state = @expired),
               COALESCE(sum(duration_seconds) FILTER (WHERE state = @ended), 0)::bigint
          FROM catalog_sessions
         WHERE NOT deleted
        """;

    private readonly NpgsqlDataSource _dataSource = dataSource;

    /// <summary>Session rows are written by the PostgreSQL grain storage, with the session's state.</summary>
    public bool WrittenWithGrainState => true;

    /// <summary>
    /// Writes one row on its own, with the statement the grain storage runs inside its writes. Production never
    /// calls it (<see cref="WrittenWithGrainState"/>); it keeps the catalog usable through its interface (tests
    /// seed rows with it).
    /// </summary>
    public async Task UpsertAsync(SessionSnapshot session, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(StandaloneUpsertSql);
        AddParameters(command.Parameters, [(session.Id.ToString("N"), session)]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public object? RowOf(object state) => state is SessionGrainState { Session: { } session } ? session : null;

    public string Sql(string writtenCte) => UpsertRowsSql(writtenCte);

    public void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows)
    {
        // A statement names each grain once (the storage sends repeated writes of a grain in later statements),
        // so each session appears once: ON CONFLICT may touch a row only once per statement.
        parameters.AddWithValue("projected_grain_id", rows.Select(r => r.GrainId).ToArray());
        AddRows(parameters, rows.Select(r => (SessionSnapshot)r.Row).ToList());
    }

    /// <summary>
    /// The one statement that writes session rows: the rows bound by <see cref="AddParameters"/> (one array per
    /// column, each row with the id of the grain it is derived from), kept only when that grain id is in the
    /// <c>grain_id</c> column of <paramref name="writtenGrainsCte"/>, and never over a newer change sequence.
    /// </summary>
    private static string UpsertRowsSql(string writtenGrainsCte) => $"""
        INSERT INTO catalog_sessions AS s
            (id, library_id, room_id, host_id, state, type, visibility, name, created_ticks, created_on,
             scheduled_ticks, scheduled_at, duration_seconds, change_sequence, deleted, snapshot, participant_ids)
        SELECT u.id, u.library_id, u.room_id, u.host_id, u.state, u.type, u.visibility, u.name, u.created_ticks,
               u.created_on, u.scheduled_ticks, u.scheduled_at, u.duration_seconds, u.change_sequence, u.deleted,
               u.snapshot, string_to_array(u.participant_ids, ',')::uuid[]
          FROM unnest(@id, @library_id, @room_id, @host_id, @state, @type, @visibility, @name, @created_ticks,
             @created_on, @scheduled_ticks, @scheduled_at, @duration_seconds, @change_sequence, @deleted, @snapshot,
             @participant_ids, @projected_grain_id)
            AS u(id, library_id, room_id, host_id, state, type, visibility, name, created_ticks, created_on,
                 scheduled_ticks, scheduled_at, duration_seconds, change_sequence, deleted, snapshot, participant_ids,
                 grain_id)
         WHERE u.grain_id IN (SELECT grain_id FROM {writtenGrainsCte})
        ON CONFLICT (id) DO UPDATE SET
            library_id = EXCLUDED.library_id, room_id = EXCLUDED.room_id, host_id = EXCLUDED.host_id, state = EXCLUDED.state, type = EXCLUDED.type,
            visibility = EXCLUDED.visibility, name = EXCLUDED.name, created_ticks = EXCLUDED.created_ticks,
            created_on = EXCLUDED.created_on, scheduled_ticks = EXCLUDED.scheduled_ticks,
            scheduled_at = EXCLUDED.scheduled_at, duration_seconds = EXCLUDED.duration_seconds,
            change_sequence = EXCLUDED.change_sequence, deleted = EXCLUDED.deleted, snapshot = EXCLUDED.snapshot,
            participant_ids = EXCLUDED.participant_ids
        WHERE s.change_sequence < EXCLUDED.change_sequence
        """;

    private static void AddRows(NpgsqlParameterCollection p, IReadOnlyList<SessionSnapshot> rows)
    {
        p.AddWithValue("id", rows.Select(s => s.Id).ToArray());
        p.AddWithValue("library_id", rows.Select(s => s.LibraryId).ToArray());
        p.AddWithValue("room_id", rows.Select(s => s.RoomId).ToArray());
        p.AddWithValue("host_id", rows.Select(s => s.HostId).ToArray());
        p.AddWithValue("state", rows.Select(s => (short)s.State).ToArray());
        p.AddWithValue("type", rows.Select(s => (short)s.Type).ToArray());
        p.AddWithValue("visibility", rows.Select(s => (short)s.Visibility).ToArray());
        p.AddWithValue("name", rows.Select(s => s.Name).ToArray());
        p.AddWithValue("created_ticks", rows.Select(s => s.CreatedOn.UtcTicks).ToArray());
        p.AddWithValue("created_on", rows.Select(s => s.CreatedOn.ToUniversalTime()).ToArray());
        p.AddWithValue("scheduled_ticks", rows.Select(s => s.ScheduledAt.UtcTicks).ToArray());
        p.AddWithValue("scheduled_at", rows.Select(s => s.ScheduledAt.ToUniversalTime()).ToArray());
        p.AddWithValue("duration_seconds", rows.Select(s => s.DurationSeconds).ToArray());
        p.AddWithValue("change_sequence", rows.Select(s => s.ChangeSequence).ToArray());
        p.AddWithValue("deleted", rows.Select(s => s.Deleted).ToArray());
        p.AddWithValue("snapshot", NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            rows.Select(s => JsonSerializer.Serialize(s, CatalogJson.Options)).ToArray());
        // One comma-separated list per row (unnest cannot take ragged arrays); split back into uuid[] in SQL.
        p.AddWithValue("participant_ids", rows.Select(s => string.Join(',', s.Participants.Select(m => m.UserId))).ToArray());
    }

    public async Task<Page<SessionSnapshot>> ListAsync(SessionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var keyset = new KeysetSql(page);
        await using var command = _dataSource.CreateCommand();
        var conditions = Filter(query, command);
        var tail = keyset.Apply(conditions, command);
        command.CommandText = "SELECT snapshot FROM catalog_sessions WHERE " + string.Join(" AND ", conditions) + tail;
        var rows = await CatalogJson.ReadSnapshotsAsync<SessionSnapshot>(command, cancellationToken);
        return keyset.ToPage(rows, s => new CatalogCursor(s.CreatedOn, s.Id));
    }

    public async Task<IReadOnlyList<SessionSnapshot>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        await using var command = _dataSource.CreateCommand("SELECT snapshot FROM catalog_sessions WHERE id = ANY(@ids) AND NOT deleted");
        command.Parameters.AddWithValue("ids", distinct);
        var byId = (await CatalogJson.ReadSnapshotsAsync<SessionSnapshot>(command, cancellationToken)).ToDictionary(s => s.Id);
        return distinct.Select(id => byId.GetValueOrDefault(id)).OfType<SessionSnapshot>().ToList();
    }

    public async Task<SessionStats> GetStatsAsync(Guid? hostId, Guid? libraryId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(StatsSql
            + (hostId is null ? "" : " AND host_id = @host_id")
            + (libraryId is null ? "" : " AND library_id = @library_id"));
        var p = command.Parameters;
        p.AddWithValue("scheduled", (short)SessionState.Scheduled);
        p.AddWithValue("live", (short)SessionState.Live);
        p.AddWithValue("ended", (short)SessionState.Ended);
        p.AddWithValue("cancelled", (short)SessionState.Cancelled);
        p.AddWithValue("expired", (short)SessionState.Expired);
        if (hostId is { } host)
        {
            p.AddWithValue("host_id", host);
        }

        if (libraryId is { } library)
        {
            p.AddWithValue("library_id", library);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new SessionStats(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6));
    }

    private static List<string> Filter(SessionQuery q, NpgsqlCommand command)
    {
        var where = new SqlConditions(command);
        where.Equal("library_id", q.LibraryId);
        where.Equal("room_id", q.RoomId);
        where.Equal("host_id", q.HostId);
        if (q.States is { } states)
        {
            where.Add("state = ANY(@states)", ("states", states.Select(s => (short)s).ToArray()));
        }

        where.Equal("type", (short?)q.Type);
        if (q.Visibility is { } visibility)
        {
            if (q.OrMemberId is { } member)
            {
                where.Add("(visibility = @visibility OR host_id = @member_id OR participant_ids @> ARRAY[@member_id])",
                    ("visibility", (short)visibility), ("member_id", member));
            }
            else
            {
                where.Equal("visibility", (short)visibility);
            }
        }

        where.Contains("name", q.TitleContains);
        where.TicksRange("created_ticks", q.CreatedFrom, q.CreatedTo);
        where.TicksRange("scheduled_ticks", q.ScheduledFrom, q.ScheduledTo);
        return where.Clauses;
    }
}
