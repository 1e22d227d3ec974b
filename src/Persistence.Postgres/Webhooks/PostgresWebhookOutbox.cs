using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Roomcast.Errors;
using Roomcast.Grains.Webhooks;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Webhooks;

namespace Roomcast.Persistence.Postgres.Webhooks;

/// <summary>
/// The cluster-mode outbox: <c>roomcast_webhook_events</c>. Events are derived from grain states
/// (<see cref="WebhookEvents.Of"/>) and written by the PostgreSQL grain storage in the same statement as the state
/// (<see cref="IGrainStateProjection"/>), so an event is recorded exactly when its state is, and once (ON CONFLICT
/// DO NOTHING on the deterministic id). Every statement it runs on its own is idempotent, so each is tried again
/// after a transient failure; what still fails is logged and leaves as a <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed partial class PostgresWebhookOutbox(NpgsqlDataSource dataSource, ILogger<PostgresWebhookOutbox> logger)
    : IWebhookOutbox, IGrainStateProjection
{
    /// <summary>How often a statement is tried again after a transient failure.</summary>
    public const int MaxRetries = 2;

    private const string GivenRowsCte = "given_events";

    private static readonly string StandaloneInsertSql = $"""
        WITH {GivenRowsCte} AS (SELECT unnest(@outbox_grain_id) AS grain_id)
        {InsertRowsSql(GivenRowsCte)}
        """;

    private const string UnexpandedSql = """
        SELECT id, library_id, type, occurred_at, payload::text FROM roomcast_webhook_events
         WHERE NOT expanded ORDER BY occurred_at, id LIMIT @limit
        """;

    private const string MarkExpandedSql = "UPDATE roomcast_webhook_events SET expanded = true WHERE id = ANY(@ids) AND NOT expanded";

    private const string GetSql = "SELECT id, library_id, type, occurred_at, payload::text FROM roomcast_webhook_events WHERE id = @id";

    /// <summary>Events are written by the PostgreSQL grain storage, with the grain's state.</summary>
    public bool WrittenWithGrainState => true;

    /// <summary>
    /// Writes one event on its own, with the statement the grain storage runs inside its writes. Grains never call it
    /// (<see cref="WrittenWithGrainState"/>); events not derived from grain state, and tests, do.
    /// </summary>
    public Task AppendAsync(WebhookEvent webhookEvent) =>
        WithRetriesAsync($"record webhook event {webhookEvent.Id}", async () =>
        {
            await using var command = dataSource.CreateCommand(StandaloneInsertSql);
            AddParameters(command.Parameters, [(webhookEvent.Id, webhookEvent)]);
            return await command.ExecuteNonQueryAsync();
        });

    public Task<IReadOnlyList<WebhookEvent>> ListUnexpandedAsync(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithRetriesAsync("list unexpanded webhook events", async () =>
        {
            await using var command = dataSource.CreateCommand(UnexpandedSql);
            command.Parameters.AddWithValue("limit", limit);
            return await ReadEventsAsync(command);
        });
    }

    public Task MarkExpandedAsync(IReadOnlyCollection<string> eventIds) =>
        WithRetriesAsync("mark webhook events expanded", async () =>
        {
            await using var command = dataSource.CreateCommand(MarkExpandedSql);
            command.Parameters.AddWithValue("ids", eventIds.ToArray());
            return await command.ExecuteNonQueryAsync();
        });

    public Task<WebhookEvent?> GetAsync(string eventId) =>
        WithRetriesAsync($"read webhook event {eventId}", async () =>
        {
            await using var command = dataSource.CreateCommand(GetSql);
            command.Parameters.AddWithValue("id", eventId);
            return (await ReadEventsAsync(command)).SingleOrDefault();
        });

    public object? RowOf(object state) => WebhookEvents.Of(state);

    public string Sql(string writtenCte) => InsertRowsSql(writtenCte);

    public void AddParameters(NpgsqlParameterCollection parameters, IReadOnlyList<(string GrainId, object Row)> rows)
    {
        // Every name starts with "outbox_": the grain storage binds the parameters of all projections with rows in a
        // batch to one statement.
        parameters.AddWithValue("outbox_grain_id", rows.Select(r => r.GrainId).ToArray());
        var events = rows.Select(r => (WebhookEvent)r.Row).ToList();
        parameters.AddWithValue("outbox_id", events.Select(e => e.Id).ToArray());
        parameters.AddWithValue("outbox_library_id", events.Select(e => e.LibraryId).ToArray());
        parameters.AddWithValue("outbox_type", events.Select(e => e.Type).ToArray());
        parameters.AddWithValue("outbox_occurred_at", events.Select(e => e.OccurredAt.ToUniversalTime()).ToArray());
        parameters.AddWithValue("outbox_payload", NpgsqlDbType.Array | NpgsqlDbType.Json, events.Select(e => e.Payload).ToArray());
    }

    /// <summary>
    /// The one statement that records events: those bound by <see cref="AddParameters"/>, kept only when their grain's
    /// state was written (its id is in the <c>grain_id</c> column of <paramref name="writtenGrainsCte"/>); an event
    /// recorded already keeps its first row.
    /// </summary>
    private static string InsertRowsSql(string writtenGrainsCte) => $"""
        INSERT INTO roomcast_webhook_events (id, library_id, type, occurred_at, payload)
        SELECT e.id, e.library_id, e.type, e.occurred_at, e.payload
          FROM unnest(@outbox_id, @outbox_library_id, @outbox_type, @outbox_occurred_at, @outbox_payload, @outbox_grain_id)
            AS e(id, library_id, type, occurred_at, payload, grain_id)
         WHERE e.grain_id IN (SELECT grain_id FROM {writtenGrainsCte})
        ON CONFLICT (id) DO NOTHING
        """;

    private static async Task<IReadOnlyList<WebhookEvent>> ReadEventsAsync(NpgsqlCommand command)
    {
        var events = new List<WebhookEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            events.Add(new WebhookEvent(reader.GetString(0), reader.GetGuid(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4)));
        }

        return events;
    }

    private Task<TResult> WithRetriesAsync<TResult>(string operation, Func<Task<TResult>> attempt) =>
        DatabaseFailures.WithRetriesAsync(dataSource, MaxRetries, _ => attempt(),
            (e, retry) => LogRetrying(e, operation, retry),
            e =>
            {
                LogFailed(e, operation);
                return Unavailable(operation, e);
            });

    private static StorageUnavailableException Unavailable(string operation, Exception cause) =>
        new($"The webhook outbox could not {operation} ({DatabaseFailures.Describe(cause)}). " +
            "Try again later; its writes are safe to repeat.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook outbox: {Operation} failed transiently; retry {Retry}")]
    private partial void LogRetrying(Exception exception, string operation, int retry);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook outbox: {Operation} failed")]
    private partial void LogFailed(Exception exception, string operation);
}
