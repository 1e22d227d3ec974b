using Microsoft.Extensions.Logging;
using Npgsql;
using Roomcast.Catalog;
using Roomcast.Chat;
using Roomcast.Errors;
using Roomcast.Grains.Chat;

namespace Roomcast.Persistence.Postgres.Chat;

/// <summary>
/// The cluster-mode chat log: one row per message in <c>roomcast_chat_messages</c>, each write one statement. Every
/// statement is idempotent (an append of a message already stored changes nothing), so all of them are tried again
/// after a transient failure; what still fails is logged here with its cause and leaves as a
/// <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresChatLog(NpgsqlDataSource dataSource, ILogger<PostgresChatLog> logger) : IChatLog
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    private const string Columns = "message_id, session_id, seq, user_id, display_name, text, sent_at";

    // Nothing is inserted when the sequence or the id is taken; the row at that sequence tells a repeat from a clash.
    private static readonly string AppendSql = $"""
        WITH inserted AS (
            INSERT INTO roomcast_chat_messages ({Columns})
            VALUES (@message_id, @session_id, @seq, @user_id, @display_name, @text, @sent_at)
            ON CONFLICT DO NOTHING
            RETURNING message_id)
        SELECT EXISTS (SELECT 1 FROM inserted)
            OR EXISTS (SELECT 1 FROM roomcast_chat_messages WHERE session_id = @session_id AND seq = @seq AND message_id = @message_id)
        """;

    private const string MarkDeletedSql = """
        UPDATE roomcast_chat_messages SET deleted_at = @at, deleted_by = @deleted_by
         WHERE session_id = @session_id AND message_id = @message_id AND deleted_at IS NULL
        """;

    private static readonly string FindSql = $"""
        SELECT {Columns} FROM roomcast_chat_messages
         WHERE session_id = @session_id AND message_id = @message_id AND deleted_at IS NULL
        """;

    private const string HighestSql = "SELECT coalesce(max(seq), 0) FROM roomcast_chat_messages WHERE session_id = @session_id";

    private readonly NpgsqlDataSource _dataSource = dataSource;
    private readonly ILogger<PostgresChatLog> _logger = logger;

    public async Task AppendAsync(ChatMessage message)
    {
        var stored = await WithRetriesAsync("append to", message.SessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(AppendSql);
            var p = command.Parameters;
            p.AddWithValue("message_id", message.Id);
            p.AddWithValue("session_id", message.SessionId);
            p.AddWithValue("seq", message.Sequence);
            p.AddWithValue("user_id", message.UserId);
            p.AddWithValue("display_name", message.DisplayName);
            p.AddWithValue("text", message.Text);
            p.AddWithValue("sent_at", message.SentAt.ToUniversalTime());
            return (bool)(await command.ExecuteScalarAsync())!;
        });
        if (!stored)
        {
            throw new StorageUnavailableException(
                $"Chat message {message.Id} (sequence {message.Sequence}) of session {message.SessionId} collides with one already stored.");
        }
    }

    public Task MarkDeletedAsync(Guid sessionId, Guid messageId, Guid deletedBy, DateTimeOffset at) =>
        WithRetriesAsync("mark a message deleted in", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(MarkDeletedSql);
            var p = command.Parameters;
            p.AddWithValue("session_id", sessionId);
            p.AddWithValue("message_id", messageId);
            p.AddWithValue("deleted_by", deletedBy);
            p.AddWithValue("at", at.ToUniversalTime());
            return await command.ExecuteNonQueryAsync();
        });

    public Task<Page<ChatMessage>> ListAsync(Guid sessionId, PageRequest page)
    {
        // Decoded before any database work, so that a bad cursor is the caller's error, not an outage.
        var keyset = new ChatKeyset(page);
        return WithRetriesAsync("list", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand();
            var p = command.Parameters;
            p.AddWithValue("session_id", sessionId);
            p.AddWithValue("page_limit", keyset.FetchCount);
            var (cursorCondition, order) = keyset switch
            {
                { Before: not null } => (" AND seq > @cursor", "ASC"),
                { After: not null } => (" AND seq < @cursor", "DESC"),
                _ => ("", "DESC"),
            };
            if ((keyset.Before ?? keyset.After) is { } cursor)
            {
                p.AddWithValue("cursor", cursor);
            }

            command.CommandText = $"""
                SELECT {Columns} FROM roomcast_chat_messages
                 WHERE session_id = @session_id AND deleted_at IS NULL{cursorCondition}
                 ORDER BY seq {order} LIMIT @page_limit
                """;
            return keyset.ToPage(await ReadMessagesAsync(command));
        });
    }

    public Task<ChatMessage?> FindAsync(Guid sessionId, Guid messageId) =>
        WithRetriesAsync("find a message of", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(FindSql);
            command.Parameters.AddWithValue("session_id", sessionId);
            command.Parameters.AddWithValue("message_id", messageId);
            return (await ReadMessagesAsync(command)).SingleOrDefault();
        });

    public Task<long> HighestSequenceAsync(Guid sessionId) =>
        WithRetriesAsync("read the highest sequence of", sessionId, async () =>
        {
            await using var command = _dataSource.CreateCommand(HighestSql);
            command.Parameters.AddWithValue("session_id", sessionId);
            return (long)(await command.ExecuteScalarAsync())!;
        });

    private static async Task<List<ChatMessage>> ReadMessagesAsync(NpgsqlCommand command)
    {
        var messages = new List<ChatMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(new ChatMessage(
                reader.GetGuid(0),
                reader.GetGuid(1),
                reader.GetInt64(2),
                reader.GetGuid(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return messages;
    }

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Guid sessionId, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(_dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, sessionId, retry),
            e =>
            {
                LogFailed(e, operation, sessionId);
                return new StorageUnavailableException(
                    $"The chat log could not {operation} session {sessionId} ({DatabaseFailures.Describe(e)}). Try again later.");
            });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat log: {Operation} session {SessionId} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, Guid sessionId, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat log: {Operation} session {SessionId} failed")]
    private partial void LogFailed(Exception exception, string operation, Guid sessionId);
}
