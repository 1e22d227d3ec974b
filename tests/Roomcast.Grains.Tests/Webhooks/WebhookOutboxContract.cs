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
}
