using Microsoft.Extensions.Logging.Abstractions;
using Roomcast.Grains.Tests.Webhooks;
using Roomcast.Grains.Webhooks;
using Roomcast.Libraries;
using Roomcast.Persistence.Postgres.Webhooks;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// Outbound webhooks in cluster mode: events still undelivered when one silo is killed, or when the whole cluster stops,
/// are delivered by what is left (or comes back).
/// </summary>
public sealed class PostgresWebhookClusterTests
{
    private static readonly Dictionary<string, string?> ReceiverOnLoopback = new() { ["Webhooks:AllowPrivateAddresses"] = "true" };

    [PostgresFact]
    public async Task An_event_undelivered_when_the_whole_cluster_stops_is_delivered_after_the_restart()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = int.MaxValue;
        var configuration = PostgresTestClusters.Configuration(database, ReceiverOnLoopback);
        var (clusterId, serviceId) = ("webhooks-" + Guid.NewGuid().ToString("N")[..8], "webhooks-" + Guid.NewGuid().ToString("N")[..8]);
        var outbox = new PostgresWebhookOutbox(database.DataSource, NullLogger<PostgresWebhookOutbox>.Instance);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        Guid endpointId;
        string eventId;
        string secret;
        await using (var first = PostgresTestClusters.Builder(configuration, silos: 1, clusterId: clusterId, serviceId: serviceId).Build())
        {
            await first.DeployAsync();
            var owner = Guid.NewGuid();
            var roomId = Guid.NewGuid();
            var room = first.Client.GetGrain<IRoomGrain>(roomId);
            await room.CreateAsync(new CreateRoomCommand(owner, "Webhook room", null, Visibility.Public, DefaultLibrary.Id));
            var session = await room.CreateSessionAsync(PostgresTestClusters.SessionCommand(roomId, owner, "Webhook session", DateTimeOffset.UtcNow.AddHours(1)));
            var endpoint = await first.Client.GetGrain<ILibraryWebhooksGrain>(DefaultLibrary.Id)
                .RegisterAsync(receiver.Url, [WebhookEventTypes.SessionStarted]);
            (endpointId, secret) = (endpoint.Endpoint.Id, endpoint.Secret);
            await first.Client.GetGrain<ISessionGrain>(session.Id).StartAsync(null);
            eventId = WebhookEvents.IdOf(session.Id, WebhookEventTypes.SessionStarted);

            // The receiver refuses the first cluster's attempts.
            while (!receiver.Requests.Any(r => r.Id == eventId))
            {
                await Task.Delay(100, patience.Token);
            }
        }

        var undelivered = Assert.Single(await outbox.ListDeliveriesAsync(endpointId, 10));
        Assert.Equal(eventId, undelivered.EventId);
        Assert.NotEqual(WebhookDeliveryStatus.Delivered, undelivered.Status);
        receiver.FailFirst = 0;

        await using (var second = PostgresTestClusters.Builder(configuration, silos: 1, clusterId: clusterId, serviceId: serviceId).Build())
        {
            await second.DeployAsync();
            while ((await outbox.GetDeliveryAsync(undelivered.Id))!.Status != WebhookDeliveryStatus.Delivered)
            {
                await Task.Delay(200, patience.Token);
            }
        }

        var delivered = Assert.Single(receiver.Requests, r => r.Id == eventId && r.Answer == 204);
        Assert.True(WebhookReceiver.SignatureValid(delivered, secret));
    }

    [PostgresFact]
    public async Task Events_undelivered_when_a_silo_is_killed_are_all_delivered_by_the_survivor()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailFirst = int.MaxValue;
        var configuration = PostgresTestClusters.Configuration(database, ReceiverOnLoopback);
        var outbox = new PostgresWebhookOutbox(database.DataSource, NullLogger<PostgresWebhookOutbox>.Instance);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        await using var cluster = PostgresTestClusters.Builder(configuration, silos: 2).Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        var room = cluster.Client.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(new CreateRoomCommand(owner, "Webhook room", null, Visibility.Public, DefaultLibrary.Id));
        var endpoint = await cluster.Client.GetGrain<ILibraryWebhooksGrain>(DefaultLibrary.Id)
            .RegisterAsync(receiver.Url, [WebhookEventTypes.SessionStarted]);
        var eventIds = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var session = await room.CreateSessionAsync(PostgresTestClusters.SessionCommand(roomId, owner, $"s{i}", DateTimeOffset.UtcNow.AddHours(1)));
            await cluster.Client.GetGrain<ISessionGrain>(session.Id).StartAsync(null);
            eventIds.Add(WebhookEvents.IdOf(session.Id, WebhookEventTypes.SessionStarted));
        }

        // Both silos' dispatchers have tried (and been refused): then one of them dies without a word.
        while (eventIds.Any(id => !receiver.Requests.Any(r => r.Id == id)))
        {
            await Task.Delay(100, patience.Token);
        }

        await cluster.KillSiloAsync(cluster.Silos[1]);
        receiver.FailFirst = 0;

        var delivered = new HashSet<string>();
        while (delivered.Count < eventIds.Count)
        {
            await Task.Delay(200, patience.Token);
            delivered = (await outbox.ListDeliveriesAsync(endpoint.Endpoint.Id, 100))
                .Where(d => d.Status == WebhookDeliveryStatus.Delivered).Select(d => d.EventId).ToHashSet();
        }

        Assert.Equal(eventIds.Order(), delivered.Order());
        Assert.All(eventIds, id => Assert.Contains(receiver.Requests, r => r.Id == id && r.Answer == 204
            && WebhookReceiver.SignatureValid(r, endpoint.Secret)));
    }
}
