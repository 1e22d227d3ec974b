using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Npgsql;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Catalog;
using Roomcast.Persistence.Postgres.Catalog;

namespace Roomcast.Persistence.Postgres.Audience;

/// <summary>
/// The cluster-mode attendance log: one row per person per session in <c>roomcast_attendance</c>, each write one
/// statement. Every statement is idempotent (see <see cref="IAttendanceLog"/>), so all of them are tried again
/// after a transient failure, as the grain storage does with its reads; what still fails is logged here with its
/// cause and leaves as a <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresAttendanceLog(NpgsqlDataSource dataSource, ILogger<PostgresAttendanceLog> logger) : IAttendanceLog
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    private const string Columns = """
        session_id, user_id, display_name, role, first_joined_ticks, last_seen_at, open_since, last_left_at, watched_ms, visits
        """;

    // A visit to an open record is not a new visit: open_since and visits stay as they are.
    private const string OpenSql = """
        INSERT INTO roomcast_attendance AS a
            (session_id, user_id, display_name, role, first_joined_ticks, first_joined_at, last_seen_at, open_since, watched_ms, visits)
        VALUES (@session_id, @user_id, @display_name, @role, @at_ticks, @at, @at, @at, 0, 1)
        ON CONFLICT (session_id, user_id) DO UPDATE SET
            display_name = EXCLUDED.display_name,
            role = EXCLUDED.role,
            last_seen_at = greatest(a.last_seen_at, EXCLUDED.last_seen_at),
            visits = a.visits + CASE WHEN a.open_since IS NULL THEN 1 ELSE 0 END,
            open_since = coalesce(a.open_since, EXCLUDED.open_since)
        """;

    private const string CloseSql = """
        UPDATE roomcast_attendance AS a SET
            watched_ms = a.watched_ms + greatest(0, floor(extract(epoch FROM d.departed_at - a.open_since) * 1000))::bigint,
            open_since = NULL,
            last_left_at = d.departed_at,
            last_seen_at = greatest(a.last_seen_at, d.departed_at)
          FROM unnest(@user_ids, @departed_at) AS d(user_id, departed_at)
         WHERE a.session_id = @session_id AND a.user_id = d.user_id AND a.open_since IS NOT NULL
        """;

    private static readonly string ListOpenSql = $"""
        SELECT {Columns} FROM roomcast_attendance
         WHERE session_id = @session_id AND open_since IS NOT NULL
         ORDER BY first_joined_ticks, user_id
        """;

    private static readonly string ReadAllSql = $"""
        SELECT {Columns} FROM roomcast_attendance WHERE session_id = @session_id ORDER BY first_joined_ticks, user_id
        """;

    private const string TotalsSql = """
        SELECT count(*), coalesce(sum(watched_ms), 0)::bigint
          FROM roomcast_attendance
         WHERE session_id = @session_id AND role = @viewer
        """;

    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly ILogger<PostgresAttendanceLog> _logger = logger;

    public Task OpenAsync(AttendanceVisit visit) =>
        WithRetriesAsync("open", visit.SessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(OpenSql);
            var p = command.Parameters;
            p.AddWithValue("session_id", visit.SessionId);
            p.AddWithValue("user_id", visit.UserId);
            p.AddWithValue("display_name", visit.DisplayName);
            p.AddWithValue("role", (short)visit.Role);
            p.AddWithValue("at_ticks", visit.At.UtcTicks);
            p.AddWithValue("at", visit.At.ToUniversalTime());
            return await command.ExecuteNonQueryAsync();
        });

    public Task CloseAsync(Guid sessionId, IReadOnlyCollection<AttendanceDeparture> departures)
    {
        // One departure per user: the first, as the in-memory log takes it (an UPDATE would pick one at random).
        var distinct = departures.DistinctBy(d => d.UserId).ToList();
        if (distinct.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WithRetriesAsync("close", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(CloseSql);
            var p = command.Parameters;
            p.AddWithValue("session_id", sessionId);
            p.AddWithValue("user_ids", distinct.Select(d => d.UserId).ToArray());
            p.AddWithValue("departed_at", distinct.Select(d => d.At.ToUniversalTime()).ToArray());
            return await command.ExecuteNonQueryAsync();
        });
    }

    public Task<IReadOnlyList<AttendanceRecord>> ListOpenAsync(Guid sessionId) =>
        WithRetriesAsync<IReadOnlyList<AttendanceRecord>>("list the open records of", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(ListOpenSql);
            command.Parameters.AddWithValue("session_id", sessionId);
            return await ReadRecordsAsync(command);
        });

    public Task<Page<AttendanceRecord>> ListAsync(Guid sessionId, PageRequest page)
    {
        // Decoded before any database work, so that a bad cursor is the caller's error, not an outage.
        var keyset = new KeysetSql(page, ticksColumn: "first_joined_ticks", idColumn: "user_id");
        return WithRetriesAsync("list", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand();
            command.Parameters.AddWithValue("session_id", sessionId);
            List<string> conditions = ["session_id = @session_id"];
            var tail = keyset.Apply(conditions, command);
            command.CommandText = $"SELECT {Columns} FROM roomcast_attendance WHERE " + string.Join(" AND ", conditions) + tail;
            return keyset.ToPage(await ReadRecordsAsync(command), r => new CatalogCursor(r.FirstJoinedAt, r.UserId));
        });
    }

    public async IAsyncEnumerable<AttendanceRecord> ReadAllAsync(
        Guid sessionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Only opening the reader is retried: once rows have been handed out, a second attempt would repeat them.
        await using var command = _dataSource.CreateCommand(ReadAllSql);
        command.Parameters.AddWithValue("session_id", sessionId);
        await using var reader = await WithRetriesAsync("read", sessionId, () => command.ExecuteReaderAsync(cancellationToken));
        while (true)
        {
            // Npgsql may answer from rows it has already buffered without looking at the token.
            cancellationToken.ThrowIfCancellationRequested();
            bool hasRow;
            try
            {
                hasRow = await reader.ReadAsync(cancellationToken);
            }
            catch (Exception e) when (DatabaseFailures.IsDatabaseFailure(e))
            {
                LogFailed(e, "read", sessionId);
                throw Unavailable("read", sessionId, e);
            }

            if (!hasRow)
            {
                yield break;
            }

            yield return ReadRecord(reader);
        }
    }

    public Task<AttendanceTotals> GetTotalsAsync(Guid sessionId) =>
        WithRetriesAsync("sum up", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(TotalsSql);
            command.Parameters.AddWithValue("session_id", sessionId);
            command.Parameters.AddWithValue("viewer", (short)AttendeeRole.Viewer);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return new AttendanceTotals(checked((int)reader.GetInt64(0)), reader.GetInt64(1));
        });

    private static async Task<List<AttendanceRecord>> ReadRecordsAsync(NpgsqlCommand command)
    {
        var records = new List<AttendanceRecord>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    /// <summary>One row of <see cref="Columns"/>.</summary>
    private static AttendanceRecord ReadRecord(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        (AttendeeRole)reader.GetInt16(3),
        new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
        reader.GetInt64(8),
        reader.GetInt32(9));

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Guid sessionId, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(_dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, sessionId, retry),
            e =>
            {
                LogFailed(e, operation, sessionId);
                return Unavailable(operation, sessionId, e);
            });

    /// <summary>The cause stays in the log: the driver's exception is not one Orleans can carry.</summary>
    private static StorageUnavailableException Unavailable(string operation, Guid sessionId, Exception cause) =>
        new($"The attendance log could not {operation} session {sessionId} ({DatabaseFailures.Describe(cause)}). " +
            "Try again later; its writes are safe to repeat.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attendance log: {Operation} of session {SessionId} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, Guid sessionId, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attendance log: {Operation} of session {SessionId} failed")]
    private partial void LogFailed(Exception exception, string operation, Guid sessionId);
}
