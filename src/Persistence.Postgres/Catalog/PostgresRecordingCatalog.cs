using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Grains.Recordings;
using Roomcast.Recordings;

namespace Roomcast.Persistence.Postgres.Catalog;

/// <summary>
/// The cluster-mode recording catalog: one row per recording in <c>catalog_recordings</c>. Rows are written by the
/// PostgreSQL grain storage in the same statement as the recording's state (<see cref="IGrainStateProjection"/>);
/// this class owns that statement (<see cref="UpsertRowsSql"/>). Every statement it runs on its own is idempotent, so
/// each is tried again after a transient failure; what still fails is logged here with its cause and leaves as a
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresRecordingCatalog : IRecordingCatalog, IGrainStateProjection
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    /// <summary>How many rows <see cref="ReadAllAsync"/> reads per statement unless told otherwise.</summary>
    public const int DefaultReadAllBatchSize = 1000;

    /// <summary>The grain ids the standalone upsert names as "written": every row it is given.</summary>
    private const string GivenRowsCte = "given_recordings";

    private static readonly string StandaloneUpsertSql = $"""
        WITH {GivenRowsCte} AS (SELECT unnest(@recording_grain_id) AS grain_id)
        {UpsertRowsSql(GivenRowsCte)}
        """;

    // Two statements rather than "@after_id IS NULL OR id > @after_id", which a prepared (generic) plan could not
    // read as a range of the primary key.
    private const string FirstBatchSql = "SELECT snapshot FROM catalog_recordings ORDER BY id LIMIT @batch_size";

    private const string NextBatchSql = "SELECT snapshot FROM catalog_recordings WHERE id > @after_id ORDER BY id LIMIT @batch_size";

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresRecordingCatalog> _logger;
    private readonly int _readAllBatchSize;

    /// <param name="readAllBatchSize">Rows per statement of <see cref="ReadAllAsync"/>: what it holds in memory at once.</param>
    public PostgresRecordingCatalog(
        NpgsqlDataSource dataSource, ILogger<PostgresRecordingCatalog> logger, int readAllBatchSize = DefaultReadAllBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readAllBatchSize, 1);
        _dataSource = dataSource;
        _logger = logger;
        _readAllBatchSize = readAllBatchSize;
    }

    /// <summary>Recording rows are written by the PostgreSQL grain storage, with the recording's state.</summary>
    public bool WrittenWithGrainState => true;

    /// <summary>
    /// Writes one row on its own, with the statement the grain storage runs inside its writes. Production never
    /// calls it (<see cref="WrittenWithGrainState"/>); it keeps the catalog usable through its interface (tests
    /// seed rows with it).
    /// </summary>
    public Task UpsertAsync(RecordingSnapshot recording, CancellationToken cancellationToken = default) =>
        WithRetriesAsync($"write recording {recording.Id}", async () =>
        {
            await using var command = _dataSource.CreateCommand(StandaloneUpsertSql);
            AddParameters(command.Parameters, [(recording.Id.ToString("N"), recording)]);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        });

    public object? RowOf(object state) => state is RecordingGrainState { Recording: { } recording } ? recording : null;

    public string Sql(string writtenCte) => UpsertRowsSql(writtenCte);

    public void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows)
    {
        // Every name starts with "recording_": the grain storage binds the parameters of all projections with rows in
        // a batch to one statement, beside the session catalog's (id, library_id, ...) and its own.
        parameters.AddWithValue("recording_grain_id", rows.Select(r => r.GrainId).ToArray());
        var recordings = rows.Select(r => (RecordingSnapshot)r.Row).ToList();
        parameters.AddWithValue("recording_id", recordings.Select(r => r.Id).ToArray());
        parameters.AddWithValue("recording_library_id", recordings.Select(r => r.LibraryId).ToArray());
        parameters.AddWithValue("recording_owner_id", recordings.Select(r => r.OwnerId).ToArray());
        parameters.AddWithValue("recording_session_id", recordings.Select(r => r.SessionId).ToArray());
        parameters.AddWithValue("recording_status", recordings.Select(r => (short)r.Status).ToArray());
        parameters.AddWithValue("recording_created_ticks", recordings.Select(r => r.CreatedOn.UtcTicks).ToArray());
        parameters.AddWithValue("recording_created_on", recordings.Select(r => r.CreatedOn.ToUniversalTime()).ToArray());
        parameters.AddWithValue("recording_change_sequence", recordings.Select(r => r.ChangeSequence).ToArray());
        parameters.AddWithValue("recording_deleted", recordings.Select(r => r.Deleted).ToArray());
        parameters.AddWithValue("recording_snapshot", NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            recordings.Select(r => JsonSerializer.Serialize(r, CatalogJson.Options)).ToArray());
    }

    /// <summary>
    /// The one statement that writes recording rows: the rows bound by <see cref="AddParameters"/> (one array per
    /// column, each row with the id of the grain it is derived from), kept only when that grain id is in the
    /// <c>grain_id</c> column of <paramref name="writtenGrainsCte"/>, and never over a newer or equal change sequence.
    /// A statement names each grain once (the storage sends repeated writes of a grain in later statements), so
    /// ON CONFLICT touches each row at most once.
    /// </summary>
    private static string UpsertRowsSql(string writtenGrainsCte) => $"""
        INSERT INTO catalog_recordings AS r
            (id, library_id, owner_id, session_id, status, created_ticks, created_on, change_sequence, deleted, snapshot)
        SELECT u.id, u.library_id, u.owner_id, u.session_id, u.status, u.created_ticks, u.created_on, u.change_sequence,
               u.deleted, u.snapshot
          FROM unnest(@recording_id, @recording_library_id, @recording_owner_id, @recording_session_id, @recording_status,
             @recording_created_ticks, @recording_created_on, @recording_change_sequence, @recording_deleted,
             @recording_snapshot, @recording_grain_id)
            AS u(id, library_id, owner_id, session_id, status, created_ticks, created_on, change_sequence, deleted,
                 snapshot, grain_id)
         WHERE u.grain_id IN (SELECT grain_id FROM {writtenGrainsCte})
        ON CONFLICT (id) DO UPDATE SET
            library_id = EXCLUDED.library_id, owner_id = EXCLUDED.owner_id, session_id = EXCLUDED.session_id,
            status = EXCLUDED.status, created_ticks = EXCLUDED.created_ticks, created_on = EXCLUDED.created_on,
            change_sequence = EXCLUDED.change_sequence, deleted = EXCLUDED.deleted, snapshot = EXCLUDED.snapshot
        WHERE r.change_sequence < EXCLUDED.change_sequence
        """;

    public Task<Page<RecordingSnapshot>> ListAsync(RecordingQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        // Decoded before any database work, so that a bad cursor is the caller's error, not an outage.
        var keyset = new KeysetSql(page);
        return WithRetriesAsync("list recordings", async () =>
        {
            await using var command = _dataSource.CreateCommand();
            var where = new SqlConditions(command);
            where.Equal("library_id", query.LibraryId);
            where.Equal("owner_id", query.OwnerId);
            where.Equal("session_id", query.SessionId);
            where.Equal("status", (short?)query.Status);
            var tail = keyset.Apply(where.Clauses, command);
            command.CommandText = "SELECT snapshot FROM catalog_recordings WHERE " + string.Join(" AND ", where.Clauses) + tail;
            var rows = await CatalogJson.ReadSnapshotsAsync<RecordingSnapshot>(command, cancellationToken);
            return keyset.ToPage(rows, r => new CatalogCursor(r.CreatedOn, r.Id));
        });
    }

    /// <summary>
    /// Reads a batch at a time, each batch one statement after the last id handed out: only one batch is held in
    /// memory, and a batch that fails transiently is read again without repeating a row.
    /// </summary>
    public async IAsyncEnumerable<RecordingSnapshot> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Guid? afterId = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = await WithRetriesAsync(afterId is null ? "read recordings" : $"read recordings after {afterId}", async () =>
            {
                await using var command = _dataSource.CreateCommand(afterId is null ? FirstBatchSql : NextBatchSql);
                if (afterId is { } after)
                {
                    command.Parameters.AddWithValue("after_id", after);
                }

                command.Parameters.AddWithValue("batch_size", _readAllBatchSize);
                return await CatalogJson.ReadSnapshotsAsync<RecordingSnapshot>(command, cancellationToken);
            });

            foreach (var recording in batch)
            {
                yield return recording;
            }

            if (batch.Count < _readAllBatchSize)
            {
                yield break;
            }

            afterId = batch[^1].Id;
        }
    }

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(_dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, retry),
            e =>
            {
                LogFailed(e, operation);
                return Unavailable(operation, e);
            });

    /// <summary>The cause stays in the log: the driver's exception is not one Orleans can carry.</summary>
    private static StorageUnavailableException Unavailable(string operation, Exception cause) =>
        new($"The recording catalog could not {operation} ({DatabaseFailures.Describe(cause)}). " +
            "Try again later; its writes are safe to repeat.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording catalog: {Operation} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording catalog: {Operation} failed")]
    private partial void LogFailed(Exception exception, string operation);
}
