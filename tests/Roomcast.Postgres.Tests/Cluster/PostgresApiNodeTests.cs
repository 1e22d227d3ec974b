using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Roomcast.Catalog;
using Roomcast.Hosting;
using Roomcast.Libraries;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.Testing;
using static Roomcast.Postgres.Tests.Cluster.PostgresTestClusters;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// An API node without a silo, as <c>Api:Silo=External</c> builds it: an Orleans client configured by
/// <c>client.AddRoomcast</c> alone finds a silo through the ADO.NET gateway table and reaches it over TCP on
/// loopback, then lists through its own PostgreSQL catalog what the silo's grains projected. The test cluster
/// cannot stand in for the silo here: it connects its silos and client through an in-memory transport that a
/// client built elsewhere cannot join.
/// </summary>
public sealed class PostgresApiNodeTests
{
    [PostgresFact]
    public async Task A_separate_client_node_creates_and_lists_through_the_cluster()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var clusterSettings = new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = $"api-node-{Guid.NewGuid():N}",
            ["Orleans:ServiceId"] = "roomcast-api-node-test",
            ["Orleans:SiloPort"] = LoopbackPorts.Next().ToString(),
            ["Orleans:GatewayPort"] = LoopbackPorts.Next().ToString(),
            ["Orleans:AdvertisedAddress"] = IPAddress.Loopback.ToString(),
        };
        var configuration = Configuration(database, clusterSettings);

        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        siloBuilder.Configuration.AddConfiguration(configuration);
        siloBuilder.UseOrleans(silo => silo.AddRoomcast(siloBuilder.Configuration));
        using var silo = siloBuilder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await silo.StartAsync(timeout.Token);
        try
        {
            var clientBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            clientBuilder.Configuration.AddConfiguration(configuration);
            clientBuilder.UseOrleansClient(client => client.AddRoomcast(clientBuilder.Configuration));
            using var clientHost = clientBuilder.Build();
            await clientHost.StartAsync(timeout.Token);
            try
            {
                var grains = clientHost.Services.GetRequiredService<IClusterClient>();
                var owner = Guid.NewGuid();
                var roomId = Guid.NewGuid();
                var room = grains.GetGrain<IRoomGrain>(roomId);
                await room.CreateAsync(new CreateRoomCommand(owner, "API node room", null, Visibility.Public, DefaultLibrary.Id));
                var session = await room.CreateSessionAsync(SessionCommand(roomId, owner, "API node session", DateTimeOffset.UtcNow.AddHours(1)));

                var catalog = clientHost.Services.GetRequiredService<ISessionCatalog>();
                Assert.IsType<PostgresSessionCatalog>(catalog);
                var listed = await catalog.ListAsync(new SessionQuery { RoomId = roomId }, PageRequest.First());
                var item = Assert.Single(listed.Items);
                Assert.Equal(session.Id, item.Id);
                Assert.Equal("API node session", item.Name);

                var rooms = clientHost.Services.GetRequiredService<IRoomCatalog>();
                Assert.IsType<PostgresRoomCatalog>(rooms);
                var listedRooms = await rooms.ListAsync(new RoomQuery { OwnerId = owner }, PageRequest.First());
                Assert.Equal(1, Assert.Single(listedRooms.Items).SessionCount);
            }
            finally
            {
                await clientHost.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await silo.StopAsync(CancellationToken.None);
        }
    }
}
