using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Roomcast.Errors;
using Roomcast.Grains;
using Roomcast.Persistence.Postgres.Catalog;

namespace Roomcast.Persistence.Postgres.Storage;

/// <summary>
/// Grain state in PostgreSQL (<c>grain_state</c>, one row per grain and state name, version as ETag). Writes
/// that arrive together from many grains are group-committed: one statement and one commit per batch, each
/// write acknowledged only once its batch is committed. Reads and clears are one statement each.
/// </summary>
/// <remarks>
/// What leaves this class is what Orleans can carry: a version conflict is an <see cref="InconsistentStateException"/>;
/// any database failure (refused statement, lost connection, timeout) is logged here with its cause and leaves
/// as a <see cref="StorageUnavailableException"/> that carries a message only. Transient failures are retried
/// first: reads and clears up to <see cref="MaxRetries"/> times, a batch of writes as described on
/// <see cref="WriteRowsAsync"/>.
/// </remarks>
public sealed partial class PostgresGrainStorage : IGrainStorage
{
    public const int MaxBatch = 256;

    /// <summary>How often a read, a clear or a batch of writes is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    private const string ReadSql = """
        SELECT payload, version FROM grain_state
         WHERE service_id = @service_id AND grain_id = @grain_id AND state_name = @state_name
        """;

    // On a retry, a row that is gone may be this clear's own earlier attempt (committed, answer lost): the state is
    // then absent, as the caller asked, and the clear is acknowledged. A row still there at another version is a conflict.
    private const string DeleteSql = """
        WITH deleted AS (
            DELETE FROM grain_state
             WHERE service_id = @service_id AND grain_id = @grain_id AND state_name = @state_name AND version = @version
            RETURNING 1)
        SELECT EXISTS (SELECT FROM deleted)
            OR (@retry AND NOT EXISTS (
                SELECT FROM grain_state WHERE service_id = @service_id AND grain_id = @grain_id AND state_name = @state_name))
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
        var (payload, version) = await WithRetriesAsync("read", grainId, stateName, async _ =>
        {
            await using var command = _dataSource.CreateCommand(ReadSql);
            AddKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync();
            return await reader.ReadAsync() ? (reader.GetFieldValue<byte[]>(0), reader.GetInt64(1)) : (null, 0L);
        });

        if (payload is null)
        {
            Reset(grainState);
            return;
        }

        grainState.State = _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = Tag(version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // Derived now, as the payload is, so that the rows are those of the state being written.
        var write = new StateWrite(grainId.ToString(), stateName, _serializer.Serialize(grainState.State).ToArray(),
            Version(grainState.ETag), [.. _projections.Select(p => grainState.State is { } s ? p.RowOf(s) : null)]);
        await _writes.WriteAsync(write);
        if (write.Failure is { } failure)
        {
            throw Unavailable("write", grainId, stateName, failure);
        }

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
            var cleared = await WithRetriesAsync("clear", grainId, stateName, async retry =>
            {
                await using var command = _dataSource.CreateCommand(DeleteSql);
                AddKey(command, stateName, grainId);
                command.Parameters.AddWithValue("version", version);
                command.Parameters.AddWithValue("retry", retry);
                return (bool)(await command.ExecuteScalarAsync())!;
            });

            if (!cleared)
            {
                LogConflict(_name, grainId, stateName, grainState.ETag);
                throw Conflict("clear", grainId, stateName, grainState.ETag);
            }
        }

        Reset(grainState);
    }

    /// <summary>Runs one statement, again after a transient failure; <c>retry</c> tells the attempt it is not the first.</summary>
    private Task<TResult> WithRetriesAsync<TResult>(
        string operation, GrainId grainId, string stateName, Func<bool, Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(_dataSource, MaxRetries, attempt,
            (e, retry) => LogRetrying(e, _name, operation, grainId, stateName, retry),
            e =>
            {
                LogFailed(e, _name, operation, grainId, stateName);
                return Unavailable(operation, grainId, stateName, e);
            });

    private async Task WriteBatchAsync(IReadOnlyList<StateWrite> batch)
    {
        // One statement may touch a row once, so a state written twice in one batch (a duplicate activation, or a
        // reentrant grain with two writes in flight) is written in rounds, in arrival order: the first write of each
        // state in the first statement, the next in a second one, and so on. Each gets the outcome it would have had
        // in a statement of its own after the ones before it: usually the first wins and the later ones, naming the
        // same version, lose; but a stale first write loses and leaves the way to the next. Batches without repeats (the usual case) take one round.
        var pending = batch;
        while (pending.Count > 0)
        {
            var seen = new HashSet<(string, string)>();
            var round = new List<StateWrite>(pending.Count);
            var later = new List<StateWrite>();
            foreach (var write in pending)
            {
                (seen.Add((write.GrainId, write.StateName)) ? round : later).Add(write);
            }

            await WriteRowsAsync(round, MaxRetries, afterFailure: false);
            pending = later;
        }
    }

    /// <summary>
    /// Writes the rows in one statement and sets each one's outcome. When the statement fails:
    /// <list type="bullet">
    /// <item>refused for what a row holds (a constraint of a projection, a bad value, a deadlock with another
    /// batch): nothing of it was committed; the rows are written again in two halves, recursively, so the rows
    /// that can be written are, and only the writer whose row is refused gets the failure;</item>
    /// <item>lost (connection broken, server restarting): its outcome is unknown; the same rows are sent again (up
    /// to <paramref name="retriesLeft"/> times), recognising any write the lost attempt committed;</item>
    /// <item>anything else (a missing table, a timeout) fails every row: no retry or split would change it in time.</item>
    /// </list>
    /// Every statement after a failure recognises earlier attempts (see <see cref="WriteBatchStatement"/>).
    /// </summary>
    private async Task WriteRowsAsync(List<StateWrite> rows, int retriesLeft, bool afterFailure)
    {
        Exception failure;
        try
        {
            await ExecuteAsync(rows, afterFailure);
            return;
        }
        catch (Exception e) when (DatabaseFailures.IsDatabaseFailure(e))
        {
            failure = e;
        }

        var refused = IsRefusedForContent(failure);
        if (refused && rows.Count > 1)
        {
            LogBatchSplit(failure, _name, rows.Count);
            var half = rows.Count / 2;
            await WriteRowsAsync(rows[..half], retriesLeft, afterFailure: true);
            await WriteRowsAsync(rows[half..], retriesLeft, afterFailure: true);
            return;
        }

        if (retriesLeft > 0 && DatabaseFailures.IsTransient(failure))
        {
            LogBatchRetry(failure, _name, rows.Count);
            await DatabaseFailures.PrepareRetryAsync(_dataSource, failure, MaxRetries - retriesLeft);
            await WriteRowsAsync(rows, retriesLeft - 1, afterFailure: true);
            return;
        }

        LogBatchFailed(failure, _name, rows.Count, string.Join(", ", rows.Take(10).Select(r => $"{r.GrainId}/{r.StateName}")));
        foreach (var row in rows)
        {
            row.Failure = failure;
        }
    }

    private async Task ExecuteAsync(List<StateWrite> rows, bool recogniseEarlierAttempt)
    {
        await using var command = _dataSource.CreateCommand();
        var p = command.Parameters;
        var projected = new List<(string, string)>();
        for (var i = 0; i < _projections.Count; i++)
        {
            var derived = rows.Where(w => w.ProjectedRows[i] is not null).Select(w => (w.GrainId, w.ProjectedRows[i]!)).ToList();
            if (derived.Count > 0)
            {
                projected.Add(($"projected_{i}", _projections[i].Sql(WriteBatchStatement.WrittenCte)));
                _projections[i].AddParameters(p, derived);
            }
        }

        command.CommandText = WriteBatchStatement.Build(projected, recogniseEarlierAttempt);
        p.AddWithValue("service_id", _serviceId);
        p.AddWithValue("grain_id", rows.Select(w => w.GrainId).ToArray());
        p.AddWithValue("state_name", rows.Select(w => w.StateName).ToArray());
        p.AddWithValue("payload", rows.Select(w => w.Payload).ToArray());
        p.AddWithValue("expected", rows.Select(w => w.ExpectedVersion).ToArray());

        var acknowledged = new Dictionary<(string, string), long>(rows.Count);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                acknowledged[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        foreach (var row in rows)
        {
            row.NewVersion = acknowledged.TryGetValue((row.GrainId, row.StateName), out var version) ? version : null;
        }
    }

    /// <summary>
    /// PostgreSQL refused the statement for something in its rows (classes 22 data exception, 23 integrity
    /// constraint violation, 40 transaction rollback, 54 program limit exceeded): it rolled back, and fewer rows may pass.
    /// </summary>
    private static bool IsRefusedForContent(Exception e) =>
        e is PostgresException { SqlState: ['2', '2', ..] or ['2', '3', ..] or ['4', '0', ..] or ['5', '4', ..] };

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

    /// <summary>The cause stays in the log: the driver's exception is not one Orleans can carry.</summary>
    private StorageUnavailableException Unavailable(string operation, GrainId grainId, string stateName, Exception cause) =>
        new($"Grain storage {_name} could not {operation} grain {grainId}, state {stateName} " +
            $"({DatabaseFailures.Describe(cause)}). " +
            (operation == "read" ? "Try again later." : "The change may or may not have been stored; re-read and retry."));

    private static string Tag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long? Version(string? etag) =>
        string.IsNullOrEmpty(etag) ? null : long.Parse(etag, NumberStyles.None, CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain storage {Provider}: version conflict on {GrainId} state {StateName} from ETag {ETag}")]
    private partial void LogConflict(string provider, GrainId grainId, string stateName, string? etag);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: {Operation} of {GrainId} state {StateName} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string provider, string operation, GrainId grainId, string stateName, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider}: {Operation} of {GrainId} state {StateName} failed")]
    private partial void LogFailed(Exception exception, string provider, string operation, GrainId grainId, string stateName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: a batch of {Count} writes was refused; writing it again in halves")]
    private partial void LogBatchSplit(Exception exception, string provider, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain storage {Provider}: a batch of {Count} writes failed transiently; sending it again")]
    private partial void LogBatchRetry(Exception exception, string provider, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain storage {Provider}: {Count} writes failed ({Writes})")]
    private partial void LogBatchFailed(Exception exception, string provider, int count, string writes);

    /// <summary>
    /// One grain's write waiting for its batch. When the batch is done, <see cref="NewVersion"/> is set if the write
    /// was stored, or <see cref="Failure"/> if the database failed it; neither means a version conflict.
    /// </summary>
    private sealed class StateWrite(string grainId, string stateName, byte[] payload, long? expectedVersion, object?[] projectedRows)
    {
        public string GrainId { get; } = grainId;

        public string StateName { get; } = stateName;

        public byte[] Payload { get; } = payload;

        public long? ExpectedVersion { get; } = expectedVersion;

        /// <summary>One entry per projection: the row it derives from this state, or null.</summary>
        public object?[] ProjectedRows { get; } = projectedRows;

        public long? NewVersion { get; set; }

        /// <summary>The database failure of this write (already logged), turned into what the writer throws.</summary>
        public Exception? Failure { get; set; }
    }
}
