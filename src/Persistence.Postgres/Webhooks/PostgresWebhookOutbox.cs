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

    private const string DeliveryColumns =
        "d.id, d.endpoint_id, d.event_id, d.library_id, d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.last_attempt_at, d.created_at";

    private const string AddDeliveriesSql = """
        INSERT INTO roomcast_webhook_deliveries (id, endpoint_id, event_id, library_id, status, next_attempt_at, created_at)
        SELECT u.id, u.endpoint_id, @event_id, @library_id, 'pending', @created_at, @created_at
          FROM unnest(@ids, @endpoint_ids) AS u(id, endpoint_id)
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        """;

    private static readonly string ClaimDueSql = $"""
        WITH due AS (
            SELECT id FROM roomcast_webhook_deliveries
             WHERE status IN ('pending', 'failed') AND next_attempt_at <= @now
             ORDER BY next_attempt_at, id LIMIT @limit
             FOR UPDATE SKIP LOCKED)
        UPDATE roomcast_webhook_deliveries AS d SET next_attempt_at = @leased_until
          FROM due, roomcast_webhook_events AS e
         WHERE d.id = due.id AND e.id = d.event_id
        RETURNING {DeliveryColumns}, e.type, e.occurred_at, e.payload::text
        """;

    private const string RecordAttemptSql = """
        UPDATE roomcast_webhook_deliveries
           SET status = @status, attempts = attempts + 1, next_attempt_at = @next_attempt_at, last_status_code = @status_code,
               last_error = @error, last_attempt_at = @attempted_at
         WHERE id = @id
        """;

    private static readonly string GetDeliverySql = $"SELECT {DeliveryColumns} FROM roomcast_webhook_deliveries AS d WHERE d.id = @id";

    private static readonly string ListDeliveriesSql = $"""
        SELECT {DeliveryColumns} FROM roomcast_webhook_deliveries AS d
         WHERE d.endpoint_id = @endpoint_id
           AND (@before::uuid IS NULL OR (d.created_at, d.id) < (SELECT c.created_at, c.id FROM roomcast_webhook_deliveries AS c WHERE c.id = @before))
         ORDER BY d.created_at DESC, d.id DESC LIMIT @limit
        """;

    private const string RedeliverSql = "UPDATE roomcast_webhook_deliveries SET status = 'pending', next_attempt_at = @now WHERE id = @id";

    private const string LastDeliveredSql = """
        SELECT max(last_attempt_at) FROM roomcast_webhook_deliveries WHERE endpoint_id = @endpoint_id AND status = 'delivered'
        """;

    public Task AddDeliveriesAsync(WebhookEvent webhookEvent, IReadOnlyCollection<Guid> endpointIds, DateTimeOffset createdAt) =>
        WithRetriesAsync($"add deliveries of webhook event {webhookEvent.Id}", async () =>
        {
            var endpoints = endpointIds.Distinct().ToArray();
            await using var command = dataSource.CreateCommand(AddDeliveriesSql);
            command.Parameters.AddWithValue("ids", endpoints.Select(_ => Guid.CreateVersion7(createdAt)).ToArray());
            command.Parameters.AddWithValue("endpoint_ids", endpoints);
            command.Parameters.AddWithValue("event_id", webhookEvent.Id);
            command.Parameters.AddWithValue("library_id", webhookEvent.LibraryId);
            command.Parameters.AddWithValue("created_at", createdAt.ToUniversalTime());
            return await command.ExecuteNonQueryAsync();
        });

    public Task<IReadOnlyList<DueWebhookDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit) =>
        // A retry after a lost answer finds the first try's rows leased: they are taken again when the lease runs out.
        WithRetriesAsync("claim due webhook deliveries", async () =>
        {
            await using var command = dataSource.CreateCommand(ClaimDueSql);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("leased_until", (now + lease).ToUniversalTime());
            command.Parameters.AddWithValue("limit", limit);
            var claimed = new List<DueWebhookDelivery>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var delivery = ReadDelivery(reader);
                claimed.Add(new DueWebhookDelivery(delivery, new WebhookEvent(delivery.EventId, delivery.LibraryId,
                    reader.GetString(11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetString(13))));
            }

            return (IReadOnlyList<DueWebhookDelivery>)claimed;
        });

    public Task RecordAttemptAsync(WebhookAttempt attempt) =>
        WithRetriesAsync($"record an attempt of webhook delivery {attempt.DeliveryId}", async () =>
        {
            await using var command = dataSource.CreateCommand(RecordAttemptSql);
            command.Parameters.AddWithValue("id", attempt.DeliveryId);
            command.Parameters.AddWithValue("status", StatusName(attempt.Status));
            command.Parameters.AddWithValue("next_attempt_at", attempt.NextAttemptAt.ToUniversalTime());
            command.Parameters.AddWithValue("status_code", NpgsqlDbType.Integer, (object?)attempt.StatusCode ?? DBNull.Value);
            command.Parameters.AddWithValue("error", NpgsqlDbType.Text, (object?)attempt.Error ?? DBNull.Value);
            command.Parameters.AddWithValue("attempted_at", attempt.AttemptedAt.ToUniversalTime());
            return await command.ExecuteNonQueryAsync();
        });

    public Task<WebhookDelivery?> GetDeliveryAsync(Guid deliveryId) =>
        WithRetriesAsync($"read webhook delivery {deliveryId}", async () =>
        {
            await using var command = dataSource.CreateCommand(GetDeliverySql);
            command.Parameters.AddWithValue("id", deliveryId);
            return (await ReadDeliveriesAsync(command)).SingleOrDefault();
        });

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(Guid endpointId, int limit, Guid? before = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return WithRetriesAsync($"list deliveries of webhook endpoint {endpointId}", async () =>
        {
            await using var command = dataSource.CreateCommand(ListDeliveriesSql);
            command.Parameters.AddWithValue("endpoint_id", endpointId);
            command.Parameters.AddWithValue("before", NpgsqlDbType.Uuid, (object?)before ?? DBNull.Value);
            command.Parameters.AddWithValue("limit", limit);
            return await ReadDeliveriesAsync(command);
        });
    }

    public Task<bool> RedeliverAsync(Guid deliveryId, DateTimeOffset now) =>
        WithRetriesAsync($"redeliver webhook delivery {deliveryId}", async () =>
        {
            await using var command = dataSource.CreateCommand(RedeliverSql);
            command.Parameters.AddWithValue("id", deliveryId);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            return await command.ExecuteNonQueryAsync() > 0;
        });

    public Task<DateTimeOffset?> LastDeliveredAtAsync(Guid endpointId) =>
        WithRetriesAsync($"read the last delivery of webhook endpoint {endpointId}", async () =>
        {
            await using var command = dataSource.CreateCommand(LastDeliveredSql);
            command.Parameters.AddWithValue("endpoint_id", endpointId);
            return await command.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : (DateTimeOffset?)null;
        });

    private static string StatusName(WebhookDeliveryStatus status) => status.ToString().ToLowerInvariant();

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3),
        Enum.Parse<WebhookDeliveryStatus>(reader.GetString(4), ignoreCase: true), reader.GetInt32(5),
        reader.GetFieldValue<DateTimeOffset>(6), reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10));

    private static async Task<IReadOnlyList<WebhookDelivery>> ReadDeliveriesAsync(NpgsqlCommand command)
    {
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            deliveries.Add(ReadDelivery(reader));
        }

        return deliveries;
    }

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
