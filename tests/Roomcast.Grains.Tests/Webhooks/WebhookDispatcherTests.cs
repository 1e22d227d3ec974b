using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Grains.Webhooks;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>
/// Delivery on the fake clock: each test has its own outbox and dispatcher (rounds run by the test) and a library of
/// its own; a receiver on 127.0.0.1 checks signatures with StandardWebhooks. The last test goes through the silo's
/// own dispatcher and outbox.
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class WebhookDispatcherTests(ClusterFixture fixture)
{
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private WebhookDispatcher Dispatcher(IWebhookOutbox outbox, bool allowPrivateAddresses = true, TimeSpan? retryFor = null) =>
        new(outbox, fixture.Client, fixture.Clock,
            Options.Create(new WebhookOptions { AllowPrivateAddresses = allowPrivateAddresses, RetryFor = retryFor ?? TimeSpan.FromDays(3) }),
            NullLogger<WebhookDispatcher>.Instance);

    private async Task<(Guid LibraryId, WebhookEndpointWithSecret Endpoint)> EndpointAsync(string url, params string[] events)
    {
        var libraryId = Guid.NewGuid();
        var endpoint = await fixture.Client.GetGrain<ILibraryWebhooksGrain>(libraryId).RegisterAsync(url, events);
        return (libraryId, endpoint);
    }

    private async Task<WebhookEvent> AppendAsync(IWebhookOutbox outbox, Guid libraryId, string type = WebhookEventTypes.SessionStarted)
    {
        var webhookEvent = WebhookEvents.Create(Guid.NewGuid(), libraryId, type, Now, new { Test = true });
        await outbox.AppendAsync(webhookEvent);
        return webhookEvent;
    }

    [Fact]
    public async Task A_receiver_that_fails_the_first_attempts_gets_the_event_later_signed_and_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = 2;
        var (libraryId, endpoint) = await EndpointAsync(receiver.Url, WebhookEventTypes.SessionStarted);
        var outbox = new InMemoryWebhookOutbox();
        using var dispatcher = Dispatcher(outbox);
        var webhookEvent = await AppendAsync(outbox, libraryId);

        await dispatcher.RunOnceAsync();
        var delivery = Assert.Single(await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 10));
        Assert.Equal((WebhookDeliveryStatus.Failed, 1, (int?)500), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        // Not due before its backoff (5 s plus at most a quarter).
        await dispatcher.RunOnceAsync();
        Assert.Single(receiver.Requests);

        fixture.Clock.Advance(TimeSpan.FromSeconds(7));
        await dispatcher.RunOnceAsync();
        fixture.Clock.Advance(TimeSpan.FromSeconds(13));
        await dispatcher.RunOnceAsync();

        delivery = await outbox.GetDeliveryAsync(delivery.Id);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 3, (int?)204), (delivery!.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal([500, 500, 204], receiver.Requests.Select(r => r.Answer));
        Assert.All(receiver.Requests, r => Assert.Equal(webhookEvent.Id, r.Id));
        Assert.All(receiver.Requests, r => Assert.Equal(webhookEvent.Payload, r.Body));
        Assert.All(receiver.Requests, r => Assert.True(WebhookReceiver.SignatureValid(r, endpoint.Secret)));
        Assert.False(WebhookReceiver.SignatureValid(receiver.Requests.First(), WebhookSigner.NewSecret()));
    }

    [Fact]
    public async Task Only_enabled_endpoints_subscribed_to_the_type_get_a_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (libraryId, endpoint) = await EndpointAsync(receiver.Url, WebhookEventTypes.SessionEnded);
        var library = fixture.Client.GetGrain<ILibraryWebhooksGrain>(libraryId);
        var disabled = await library.RegisterAsync(receiver.Url, [WebhookEventTypes.SessionStarted]);
        await library.UpdateAsync(disabled.Endpoint.Id, new WebhookEndpointPatch(Enabled: false), null);
        var outbox = new InMemoryWebhookOutbox();
        using var dispatcher = Dispatcher(outbox);

        await AppendAsync(outbox, libraryId, WebhookEventTypes.SessionStarted);
        await dispatcher.RunOnceAsync();

        Assert.Empty(await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 10));
        Assert.Empty(await outbox.ListDeliveriesAsync(disabled.Endpoint.Id, 10));
        Assert.Empty(receiver.Requests);
        Assert.Empty(await outbox.ListUnexpandedAsync(10));
    }

    [Fact]
    public async Task During_a_rotation_overlap_both_secrets_sign_and_after_it_only_the_new_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (libraryId, endpoint) = await EndpointAsync(receiver.Url, WebhookEventTypes.RecordingReady);
        var rotated = await fixture.Client.GetGrain<ILibraryWebhooksGrain>(libraryId).RotateSecretAsync(endpoint.Endpoint.Id);
        var outbox = new InMemoryWebhookOutbox();
        using var dispatcher = Dispatcher(outbox);

        await AppendAsync(outbox, libraryId, WebhookEventTypes.RecordingReady);
        await dispatcher.RunOnceAsync();
        var during = Assert.Single(receiver.Requests);
        Assert.True(WebhookReceiver.SignatureValid(during, endpoint.Secret));
        Assert.True(WebhookReceiver.SignatureValid(during, rotated.Secret));

        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await AppendAsync(outbox, libraryId, WebhookEventTypes.RecordingReady);
        await dispatcher.RunOnceAsync();
        var after = receiver.Requests.Last();
        Assert.False(WebhookReceiver.SignatureValid(after, endpoint.Secret));
        Assert.True(WebhookReceiver.SignatureValid(after, rotated.Secret));
    }

    [Fact]
    public async Task A_delivery_failing_for_the_whole_retry_period_dies_and_disables_its_endpoint_saying_why()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = int.MaxValue;
        var (libraryId, endpoint) = await EndpointAsync(receiver.Url, WebhookEventTypes.SessionEnded);
        var outbox = new InMemoryWebhookOutbox();
        using var dispatcher = Dispatcher(outbox, retryFor: TimeSpan.FromHours(1));
        var webhookEvent = await AppendAsync(outbox, libraryId, WebhookEventTypes.SessionEnded);
        var deadline = webhookEvent.OccurredAt.AddHours(1);

        await dispatcher.RunOnceAsync();
        var delivery = Assert.Single(await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 10));
        while (Now < deadline)
        {
            Assert.True((await fixture.Client.GetGrain<ILibraryWebhooksGrain>(libraryId).FindAsync(endpoint.Endpoint.Id))!.Enabled);
            fixture.Clock.Advance(TimeSpan.FromMinutes(5));
            await dispatcher.RunOnceAsync();
        }

        delivery = await outbox.GetDeliveryAsync(delivery.Id);
        Assert.Equal(WebhookDeliveryStatus.Dead, delivery!.Status);
        Assert.Equal(deadline, delivery.LastAttemptAt);
        Assert.InRange(delivery.Attempts, 10, 30);
        var disabled = await fixture.Client.GetGrain<ILibraryWebhooksGrain>(libraryId).FindAsync(endpoint.Endpoint.Id);
        Assert.False(disabled!.Enabled);
        Assert.Contains("HTTP 500", disabled.DisabledReason);

        // Tried no more, until redelivered.
        var sent = receiver.Requests.Count;
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await dispatcher.RunOnceAsync();
        Assert.Equal(sent, receiver.Requests.Count);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/hooks")]
    [InlineData("http://localhost:{0}/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/hooks")]
    public async Task Without_private_addresses_allowed_a_private_endpoint_is_never_reached(string urlFormat)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        var (libraryId, endpoint) = await EndpointAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, urlFormat, port), WebhookEventTypes.SessionStarted);
        var outbox = new InMemoryWebhookOutbox();
        using var dispatcher = Dispatcher(outbox, allowPrivateAddresses: false);

        await AppendAsync(outbox, libraryId);
        await dispatcher.RunOnceAsync();

        var delivery = Assert.Single(await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 10));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.Null(delivery.LastStatusCode);
        Assert.Contains("no public address", delivery.LastError);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_session_going_live_is_delivered_once_by_the_silos_own_dispatcher()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (grain, created) = await TestSessions.CreateAsync(fixture.Client, TestSessions.FarFuture(fixture.Clock));
        var library = fixture.Client.GetGrain<ILibraryWebhooksGrain>(created.LibraryId);
        var endpoint = await library.RegisterAsync(receiver.Url, [WebhookEventTypes.SessionStarted]);
        try
        {
            await grain.StartAsync(null);
            var eventId = WebhookEvents.IdOf(created.Id, WebhookEventTypes.SessionStarted);
            var outbox = fixture.SiloServices.GetRequiredService<IWebhookOutbox>();

            // The silo's dispatcher polls in real time; this waits for its delivery, however long the machine takes.
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 100)).All(d => d.EventId != eventId || d.Status != WebhookDeliveryStatus.Delivered))
            {
                await Task.Delay(100, patience.Token);
            }

            var delivered = Assert.Single(await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 100), d => d.EventId == eventId);
            Assert.Equal(1, delivered.Attempts);
            var request = Assert.Single(receiver.Requests, r => r.Id == eventId);
            Assert.True(WebhookReceiver.SignatureValid(request, endpoint.Secret));
            Assert.Contains("\"type\":\"session.started\"", request.Body);
        }
        finally
        {
            // The library is shared with other tests' sessions.
            await library.DeleteAsync(endpoint.Endpoint.Id);
        }
    }
}
