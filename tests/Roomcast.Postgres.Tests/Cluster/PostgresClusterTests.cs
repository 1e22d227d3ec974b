using Roomcast.Libraries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Roomcast.Catalog;
using Roomcast.Persistence.Postgres.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Hosting;
using Roomcast.Sessions;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// Two silos configured exactly like production (<c>AddRoomcast</c> with Storage=Postgres): ADO.NET
/// membership, grain storage and reminders, and the SQL catalog, all in one fresh database.
/// </summary>
public sealed class PostgresClusterTests
{
    [PostgresFact]
    public async Task Rooms_and_sessions_survive_losing_a_silo()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage"] = "Postgres",
                [$"ConnectionStrings:{RoomcastHostingOptions.ConnectionStringName}"] = database.ConnectionString,
            })
            .AddInMemoryCollection(TestLiveKit.Settings)
            .Build();

        var builder = new InProcessTestClusterBuilder(2);
        // Real ADO.NET membership instead of the test cluster's in-memory table; the client finds
        // gateways through the same table.
        // The switch is not public in TestingHost 10.4.2, hence reflection.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership",
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);
        builder.ConfigureSilo((_, silo) => silo.AddRoomcast(configuration));
        builder.ConfigureClient(client => client.AddRoomcast(configuration));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        var room = cluster.Client.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(new CreateRoomCommand(owner, "Postgres room", null, Visibility.Public, DefaultLibrary.Id));
        var session = await room.CreateSessionAsync(new CreateSessionCommand(
            roomId, owner, owner, "First session", null, SessionType.Webinar, Visibility.Public,
            DateTimeOffset.UtcNow.AddHours(1), SessionSettings.DefaultsFor(SessionType.Webinar), null, false, "roomcast", DefaultLibrary.Id));

        Assert.Equal(2, await MembershipRowsAsync(database));

        await cluster.StopSiloAsync(cluster.Silos[1]);
        // Deactivate the survivor's copies too, so the reads below come from PostgreSQL.
        await cluster.StopSiloAsync(cluster.Silos[0]);
        await cluster.StartAdditionalSiloAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        var readBack = await cluster.Client.GetGrain<IRoomGrain>(roomId).GetAsync();
        Assert.Equal("Postgres room", readBack.Title);
        var sessionBack = await cluster.Client.GetGrain<ISessionGrain>(session.Id).GetAsync();
        Assert.Equal("First session", sessionBack.Name);

        var catalog = cluster.Client.ServiceProvider.GetRequiredService<ISessionCatalog>();
        Assert.IsType<PostgresSessionCatalog>(catalog);
        var listed = await catalog.ListAsync(new SessionQuery { RoomId = roomId }, PageRequest.First());
        Assert.Equal(session.Id, Assert.Single(listed.Items).Id);
    }

    private static async Task<long> MembershipRowsAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*) FROM OrleansMembershipTable");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
