using Microsoft.Extensions.Logging;
using Npgsql;
using Roomcast.Errors;
using Roomcast.Reminders;

namespace Roomcast.Persistence.Postgres.Reminders;

/// <summary>
/// The cluster-mode subscriber log: one row per subscriber per room in <c>roomcast_room_subscribers</c>, each call one
/// statement. Every statement is idempotent, so all are tried again after a transient failure; what still fails is
/// logged here with its cause and leaves as a <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresRoomSubscriberLog(NpgsqlDataSource dataSource, ILogger<PostgresRoomSubscriberLog> logger) : IRoomSubscriberLog
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    // The no-op update makes RETURNING answer the stored row when there is one, so a second subscribe keeps the first time.
    private const string SubscribeSql = """
        INSERT INTO roomcast_room_subscribers AS s (room_id, user_id, subscribed_at)
        VALUES (@room_id, @user_id, @at)
        ON CONFLICT (room_id, user_id) DO UPDATE SET subscribed_at = s.subscribed_at
        RETURNING subscribed_at
        """;

    private const string UnsubscribeSql = "DELETE FROM roomcast_room_subscribers WHERE room_id = @room_id AND user_id = @user_id";

    private const string GetSql = "SELECT subscribed_at FROM roomcast_room_subscribers WHERE room_id = @room_id AND user_id = @user_id";

    private const string ListSql = """
        SELECT user_id FROM roomcast_room_subscribers
         WHERE room_id = @room_id
           AND (@after::uuid IS NULL OR user_id > @after::uuid)
           AND (@through::uuid IS NULL OR user_id <= @through::uuid)
         ORDER BY user_id
         LIMIT @limit
        """;

    public Task<RoomSubscription> SubscribeAsync(Guid roomId, Guid userId, DateTimeOffset at) =>
        WithRetriesAsync("subscribe to", roomId, async () =>
        {
            await using var command = dataSource.CreateCommand(SubscribeSql);
            command.Parameters.AddWithValue("room_id", roomId);
            command.Parameters.AddWithValue("user_id", userId);
            command.Parameters.AddWithValue("at", at.ToUniversalTime());
            var stored = (DateTime)(await command.ExecuteScalarAsync())!;
            return new RoomSubscription(roomId, userId, new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)));
        });

    public Task<bool> UnsubscribeAsync(Guid roomId, Guid userId) =>
        WithRetriesAsync("unsubscribe from", roomId, async () =>
        {
            await using var command = dataSource.CreateCommand(UnsubscribeSql);
            command.Parameters.AddWithValue("room_id", roomId);
            command.Parameters.AddWithValue("user_id", userId);
            return await command.ExecuteNonQueryAsync() > 0;
        });

    public Task<RoomSubscription?> GetAsync(Guid roomId, Guid userId) =>
        WithRetriesAsync("read a subscription to", roomId, async () =>
        {
            await using var command = dataSource.CreateCommand(GetSql);
            command.Parameters.AddWithValue("room_id", roomId);
            command.Parameters.AddWithValue("user_id", userId);
            return await command.ExecuteScalarAsync() is DateTime stored
                ? new RoomSubscription(roomId, userId, new DateTimeOffset(DateTime.SpecifyKind(stored, DateTimeKind.Utc)))
                : null;
        });

    public Task<IReadOnlyList<Guid>> ListSubscriberIdsAsync(Guid roomId, Guid? after, Guid? through, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return WithRetriesAsync<IReadOnlyList<Guid>>("list the subscribers of", roomId, async () =>
        {
            await using var command = dataSource.CreateCommand(ListSql);
            command.Parameters.AddWithValue("room_id", roomId);
            command.Parameters.Add(new NpgsqlParameter<Guid?>("after", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = after });
            command.Parameters.Add(new NpgsqlParameter<Guid?>("through", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = through });
            command.Parameters.AddWithValue("limit", (long)limit);
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }

            return ids;
        });
    }

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Guid roomId, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, roomId, retry),
            e =>
            {
                LogFailed(e, operation, roomId);
                return Unavailable(operation, roomId, e);
            });

    /// <summary>The cause stays in the log: the driver's exception is not one Orleans can carry.</summary>
    private static StorageUnavailableException Unavailable(string operation, Guid roomId, Exception cause) =>
        new($"The subscriber log could not {operation} room {roomId} ({DatabaseFailures.Describe(cause)}). " +
            "Try again later; its writes are safe to repeat.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscriber log: {Operation} room {RoomId} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, Guid roomId, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Subscriber log: {Operation} room {RoomId} failed")]
    private partial void LogFailed(Exception exception, string operation, Guid roomId);
}
