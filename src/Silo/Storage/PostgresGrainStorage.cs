using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Grains;
using Roomcast.Grains.Catalog.Postgres;

namespace Roomcast.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL (<c>grain_state</c>, one row per grain and state name, version as ETag). Writes
/// that arrive together from many grains are group-committed: one statement and one commit per batch, each
/// write acknowledged only once its batch is committed. Reads and clears are one statement each.
/// </summary>
public sealed partial class PostgresGrainStorage : IGrainStorage
{
    public const int MaxBatch = 256;

    private const string ReadSql = """
        SELECT payload, version FROM grain_state
         WHERE service_id = @service_id AND grain_id = @grain_id AND state_name = @state_name
        """;

    private const string DeleteSql = """
        DELETE FROM grain_state
         WHERE service_id = @service_id AND grain_id = @grain_id AND state_name = @state_name AND version = @version
        """;

    // A row is written when its version is the one the writer read, or inserted when the writer read none and
    // there is none; any other write is left out of "written" and reported as a conflict. Projections join here.
    private const string WriteBatchSql = """
        WITH input AS (
            SELECT * FROM unnest(@grain_id, @state_name, @payload, @expected) AS i(grain_id, state_name, payload, expected)),
        updated AS (
            UPDATE grain_state AS g
               SET payload = i.payload, version = g.version + 1, modified_on = now()
              FROM input AS i
             WHERE g.service_id = @service_id AND g.grain_id = i.grain_id AND g.state_name = i.state_name
               AND g.version = i.expected
            RETURNING g.grain_id, g.state_name, g.version),
        inserted AS (
            INSERT INTO grain_state (service_id, grain_id, state_name, payload, version)
            SELECT @service_id, i.grain_id, i.state_name, i.payload, 1 FROM input AS i WHERE i.expected IS NULL
            ON CONFLICT DO NOTHING
            RETURNING grain_id, state_name, version),
        written AS (
            SELECT grain_id, state_name, version FROM updated
            UNION ALL
            SELECT grain_id, state_name, version FROM inserted){0}
        SELECT grain_id, state_name, version FROM written
        """;

    private readonly string _name;
    private readonly string _serviceId;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<PostgresGrainStorage> _logger;
    private readonly IReadOnlyList<IGrainStateProjection> _projections;
    private readonly GroupCommit<StateWrite> _writes;

    public PostgresGrainStorage(
        string name, string serviceId, NpgsqlDataSource dataSource, IGrainStorageSerializer serializer,
        IActivatorProvider activators, IEnumerable<IGrainStateProjection> projections, ILogger<PostgresGrainStorage> logger)
    {
        _name = name;
        _serviceId = serviceId;
        _dataSource = dataSource;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
        _projections = projections.ToList();
        _writes = new GroupCommit<StateWrite>(WriteBatchAsync, MaxBatch);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var command = _dataSource.CreateCommand(ReadSql);
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(0)));
            grainState.ETag = Tag(reader.GetInt64(1));
            grainState.RecordExists = true;
        }
        else
        {
            Reset(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Derived now, as the payload is, so that the rows are those of the state being written.
        var write = new StateWrite(grainId.ToString(), stateName, _serializer.Serialize(grainState.State).ToArray(),
            Version(grainState.ETag), [.. _projections.Select(p => grainState.State is { } s ? p.RowOf(s) : null)]);
        await _writes.WriteAsync(write);
        if (write.NewVersion is not { } version)
        {
            LogConflict(_name, grainId, stateName, grainState.ETag);
            throw Conflict("write", grainId, stateName, grainState.ETag);
        }

        grainState.ETag = Tag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // No ETag: this activation has read or written nothing, so there is nothing of its own to delete.
        if (Version(grainState.ETag) is { } version)
        {
            await using var command = _dataSource.CreateCommand(DeleteSql);
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("version", version);
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                LogConflict(_name, grainId, stateName, grainState.ETag);
                throw Conflict("clear", grainId, stateName, grainState.ETag);
            }
        }

        Reset(grainState);
    }

    private async Task WriteBatchAsync(IReadOnlyList<StateWrite> batch)
    {
        // One statement may touch a row once. A second write of the same state in one batch can only be a
        // concurrent write from the same ETag, so it stays out and fails as a conflict, as it would have anyway.
        var rows = batch.DistinctBy(w => (w.GrainId, w.StateName)).ToList();
        await using var command = _dataSource.CreateCommand();
        var p = command.Parameters;
        var projected = "";
        for (var i = 0; i < _projections.Count; i++)
        {
            var derived = rows.Where(w => w.ProjectedRows[i] is not null).Select(w => (w.GrainId, w.ProjectedRows[i]!)).ToList();
            if (derived.Count > 0)
            {
                projected += $",\nprojected_{i} AS ({_projections[i].Sql("written")})";
                _projections[i].AddParameters(p, derived);
            }
        }

        command.CommandText = string.Format(WriteBatchSql, projected);
        p.AddWithValue("service_id", _serviceId);
        p.AddWithValue("grain_id", rows.Select(w => w.GrainId).ToArray());
        p.AddWithValue("state_name", rows.Select(w => w.StateName).ToArray());
        p.AddWithValue("payload", rows.Select(w => w.Payload).ToArray());
        p.AddWithValue("expected", rows.Select(w => w.ExpectedVersion).ToArray());

        var written = new Dictionary<(string, string), long>(rows.Count);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                written[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        foreach (var row in rows)
        {
            row.NewVersion = written.TryGetValue((row.GrainId, row.StateName), out var version) ? version : null;
        }
    }

    private void AddKey(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("service_id", _serviceId);
        command.Parameters.AddWithValue("grain_id", grainId.ToString());
        command.Parameters.AddWithValue("state_name", stateName);
    }

    private void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = _activators.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict(string operation, GrainId grainId, string stateName, string? etag) =>
        new($"Version conflict ({operation}): provider {_name}, grain {grainId}, state {stateName}, ETag {etag ?? "none"}.");

    private static string Tag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long? Version(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {Provider}: version conflict on {GrainId} state {StateName} from ETag {ETag}")]
    private partial void LogConflict(string provider, GrainId grainId, string stateName, string? etag);

    /// <summary>One grain's write waiting for its batch; <see cref="NewVersion"/> is set when the batch commits, null on conflict.</summary>
    private sealed class StateWrite(string grainId, string stateName, byte[] payload, long? expectedVersion, object?[] projectedRows)
    {
        public string GrainId { get; } = grainId;

        public string StateName { get; } = stateName;

        public byte[] Payload { get; } = payload;

        public long? ExpectedVersion { get; } = expectedVersion;

        /// <summary>One entry per projection: the row it derives from this state, or null.</summary>
        public object?[] ProjectedRows { get; } = projectedRows;

        public long? NewVersion { get; set; }
    }
}
