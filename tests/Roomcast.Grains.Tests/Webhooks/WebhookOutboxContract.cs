using Roomcast.Grains.Webhooks;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>
/// What every <see cref="IWebhookOutbox"/> must do; one subclass per implementation. This file is also compiled into
/// Roomcast.Postgres.Tests, where <see cref="WebhookOutboxFactAttribute"/> skips the facts without PostgreSQL.
/// </summary>
public abstract class WebhookOutboxContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IWebhookOutbox? _outbox;

    protected IWebhookOutbox Outbox => _outbox ?? throw new InvalidOperationException("Not initialized.");

    protected abstract Task<IWebhookOutbox> CreateOutboxAsync();

    public async Task InitializeAsync() => _outbox = await CreateOutboxAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static WebhookEvent NewEvent(DateTimeOffset at, string type = WebhookEventTypes.SessionStarted, Guid? subject = null) =>
        WebhookEvents.Create(subject ?? Guid.NewGuid(), Guid.NewGuid(), type, at, new { SessionId = subject, Note = "héllo \"quoted\"" });

    [WebhookOutboxFact]
    public async Task An_appended_event_is_read_back_exactly()
    {
        var appended = NewEvent(T0);
        await Outbox.AppendAsync(appended);

        Assert.Equal(appended, await Outbox.GetAsync(appended.Id));
    }

    [WebhookOutboxFact]
    public async Task Appending_an_event_id_again_keeps_the_first_one()
    {
        var subject = Guid.NewGuid();
        var first = NewEvent(T0, subject: subject);
        var again = first with { OccurredAt = T0.AddMinutes(1), Payload = "{\"type\":\"later\"}" };

        await Outbox.AppendAsync(first);
        await Outbox.AppendAsync(again);

        Assert.Equal(first, await Outbox.GetAsync(first.Id));
    }

    [WebhookOutboxFact]
    public async Task An_unknown_event_reads_as_null()
    {
        Assert.Null(await Outbox.GetAsync(WebhookEvents.IdOf(Guid.NewGuid(), WebhookEventTypes.SessionEnded)));
    }

    [WebhookOutboxFact]
    public async Task Unexpanded_events_are_listed_oldest_first_until_marked_expanded()
    {
        // Far in the past, so events of other tests sharing the outbox come after these.
        var oldest = T0.AddYears(-20).AddTicks(Random.Shared.Next(1, 1_000_000) * 1000L);
        var second = NewEvent(oldest.AddSeconds(2));
        var first = NewEvent(oldest.AddSeconds(1));
        var third = NewEvent(oldest.AddSeconds(3));
        await Outbox.AppendAsync(second);
        await Outbox.AppendAsync(first);
        await Outbox.AppendAsync(third);

        Assert.Equal([first.Id, second.Id], (await Outbox.ListUnexpandedAsync(2)).Select(e => e.Id));

        await Outbox.MarkExpandedAsync([first.Id, "evt_unknown"]);
        await Outbox.MarkExpandedAsync([first.Id]);

        var pending = (await Outbox.ListUnexpandedAsync(1000)).Select(e => e.Id).ToList();
        Assert.DoesNotContain(first.Id, pending);
        Assert.Equal([second.Id, third.Id], pending.Where(id => id == second.Id || id == third.Id));
        Assert.Equal(first, await Outbox.GetAsync(first.Id));
    }

    [WebhookOutboxFact]
    public async Task Deliveries_are_added_once_per_endpoint_claimed_when_due_and_leased_meanwhile()
    {
        var webhookEvent = NewEvent(T0);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await Outbox.AppendAsync(webhookEvent);
        await Outbox.AddDeliveriesAsync(webhookEvent, [first, second], T0);
        await Outbox.AddDeliveriesAsync(webhookEvent, [first], T0.AddMinutes(1));

        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddSeconds(-1), TimeSpan.FromMinutes(2), 10));
        var claimed = await Outbox.ClaimDueAsync(T0, TimeSpan.FromMinutes(2), 10);

        Assert.Equal(new[] { first, second }.Order(), claimed.Select(c => c.Delivery.EndpointId).Order());
        Assert.All(claimed, c => Assert.Equal(webhookEvent, c.Event));
        Assert.All(claimed, c => Assert.Equal(WebhookDeliveryStatus.Pending, c.Delivery.Status));
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(2), 10));
        // A claim whose dispatcher died is taken again when its lease runs out.
        Assert.Equal(2, (await Outbox.ClaimDueAsync(T0.AddMinutes(2), TimeSpan.FromMinutes(2), 10)).Count);
    }

    [WebhookOutboxFact]
    public async Task Attempts_are_recorded_listed_newest_first_and_a_redelivery_makes_a_dead_one_due()
    {
        var endpoint = Guid.NewGuid();
        var older = NewEvent(T0);
        var newer = NewEvent(T0.AddSeconds(1));
        await Outbox.AppendAsync(older);
        await Outbox.AppendAsync(newer);
        await Outbox.AddDeliveriesAsync(older, [endpoint], T0);
        await Outbox.AddDeliveriesAsync(newer, [endpoint], T0.AddSeconds(1));
        var listed = await Outbox.ListDeliveriesAsync(endpoint, 10);
        Assert.Equal([newer.Id, older.Id], listed.Select(d => d.EventId));
        Assert.Equal([older.Id], (await Outbox.ListDeliveriesAsync(endpoint, 10, before: listed[0].Id)).Select(d => d.EventId));
        Assert.Null(await Outbox.LastDeliveredAtAsync(endpoint));

        var (dead, delivered) = (listed[1].Id, listed[0].Id);
        await Outbox.RecordAttemptAsync(new WebhookAttempt(dead, WebhookDeliveryStatus.Failed, T0.AddSeconds(5), T0.AddSeconds(10), 503, null));
        await Outbox.RecordAttemptAsync(new WebhookAttempt(dead, WebhookDeliveryStatus.Dead, T0.AddSeconds(10), T0.AddSeconds(10), null, "refused"));
        await Outbox.RecordAttemptAsync(new WebhookAttempt(delivered, WebhookDeliveryStatus.Delivered, T0.AddSeconds(7), T0.AddSeconds(7), 204, null));

        var deadRow = await Outbox.GetDeliveryAsync(dead);
        Assert.Equal((WebhookDeliveryStatus.Dead, 2, (int?)null, "refused", (DateTimeOffset?)T0.AddSeconds(10)),
            (deadRow!.Status, deadRow.Attempts, deadRow.LastStatusCode, deadRow.LastError, deadRow.LastAttemptAt));
        Assert.Equal(T0.AddSeconds(7), await Outbox.LastDeliveredAtAsync(endpoint));
        Assert.Empty(await Outbox.ClaimDueAsync(T0.AddDays(1), TimeSpan.FromMinutes(2), 10));

        Assert.True(await Outbox.RedeliverAsync(dead, T0.AddDays(1)));
        Assert.False(await Outbox.RedeliverAsync(Guid.NewGuid(), T0.AddDays(1)));
        var again = Assert.Single(await Outbox.ClaimDueAsync(T0.AddDays(1), TimeSpan.FromMinutes(2), 10));
        Assert.Equal((dead, WebhookDeliveryStatus.Pending, 2), (again.Delivery.Id, again.Delivery.Status, again.Delivery.Attempts));
    }
}
