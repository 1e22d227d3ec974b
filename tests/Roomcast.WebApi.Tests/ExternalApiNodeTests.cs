using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Roomcast.Hosting;
using Roomcast.Testing;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// An API node without a silo (<c>Api:Silo=External</c>, <c>Storage=Postgres</c>) in front of a real silo on loopback:
/// ready while the silo serves, and once the silo is gone, ready answers 503 and a grain call answers 503 with
/// <c>Retry-After</c>, while a listing (read from PostgreSQL directly) still answers. Needs ROOMCAST_TEST_POSTGRES.
/// </summary>
public sealed class ExternalApiNodeTests
{
    [PostgresFact]
    public async Task ApiNodeIsUnreadyAndAnswers503WhenItsSiloIsGone()
    {
        await OnAFreshClusterAsync(async (connectionString, clusterId) =>
        {
            var silo = await StartSiloAsync(connectionString, clusterId);
            await using var api = new ExternalApiFactory(connectionString, clusterId);
            try
            {
                var anonymous = api.Anonymous();
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
                var admin = await api.AdminAsync();
                var created = await admin.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Before the silo stops" }));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }
            finally
            {
                await silo.StopAsync(CancellationToken.None);
                silo.Dispose();
            }

            var ready = await api.Anonymous().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.Anonymous().GetAsync("/health/live")).StatusCode);

            var user = await api.AdminAsync();
            var write = await user.Client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "While the silo is gone" }));
            await write.ShouldFailAsync(HttpStatusCode.ServiceUnavailable, "unavailable");
            Assert.NotNull(write.Headers.RetryAfter);

            var listing = await user.Client.GetAsync("/v1/sessions");
            Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        });
    }

    /// <summary>Issue 16: the live stream is fanned out through the cluster, not through one node's memory.</summary>
    [PostgresFact]
    public async Task AnEventCausedThroughOneApiNodeReachesAStreamOnAnother()
    {
        await OnAFreshClusterAsync(async (connectionString, clusterId) =>
        {
            using var silo = await StartSiloAsync(connectionString, clusterId);
            await using var nodeA = new ExternalApiFactory(connectionString, clusterId);
            await using var nodeB = new ExternalApiFactory(connectionString, clusterId);
            await nodeA.InitializeAsync();
            await nodeB.InitializeAsync();
            try
            {
                var (host, room) = await nodeA.CreateHostWithRoomAsync();
                var session = await nodeA.CreateSessionAsync(host, room.Id);
                await nodeA.StartSessionAsync(host, session.Id);
                var viewer = await nodeA.CreateViewerAsync();
                var watcherOnB = nodeB.CreateClient();
                watcherOnB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", host.Token);
                await using var stream = await Events.SseClient.OpenAsync(watcherOnB, $"/v1/sessions/{session.Id}/events");
                Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);

                await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();

                var banned = await stream.NextOfAsync(Roomcast.Events.SessionEventTypes.ParticipantBanned, TimeSpan.FromSeconds(15));
                Assert.Contains(viewer.Id.ToString(), banned.Data);
            }
            finally
            {
                await silo.StopAsync(CancellationToken.None);
            }
        });
    }

    /// <summary>Runs <paramref name="test"/> against a database of its own (dropped after) and a cluster id of its own.</summary>
    private static async Task OnAFreshClusterAsync(Func<string, string, Task> test)
    {
        var server = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)
            ?? throw new InvalidOperationException($"CI=true but {PostgresFactAttribute.Variable} is not set: this test must run on CI.");
        var database = $"roomcast_webapi_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {database}");
        try
        {
            await test(new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
                "external-" + Guid.NewGuid().ToString("N")[..8]);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    private static async Task<IHost> StartSiloAsync(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage"] = "Postgres",
            ["ConnectionStrings:Roomcast"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:SiloPort"] = LoopbackPorts.Next().ToString(),
            ["Orleans:GatewayPort"] = LoopbackPorts.Next().ToString(),
            ["Orleans:AdvertisedAddress"] = IPAddress.Loopback.ToString(),
            ["LiveKit:ApiKey"] = RoomcastApiFactory.TestLiveKitKey,
            ["LiveKit:ApiSecret"] = RoomcastApiFactory.TestLiveKitSecret,
        });
        builder.UseOrleans(silo => silo.AddRoomcast(builder.Configuration));
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.StartAsync(timeout.Token);
        return host;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // Identifiers cannot be parameters; the database name is generated here, never taken from input.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class ExternalApiFactory(string connectionString, string clusterId) : RoomcastApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings =>
        [
            new("Storage", "Postgres"),
            new("Api:Silo", "External"),
            new("ConnectionStrings:Roomcast", connectionString),
            new("Orleans:ClusterId", clusterId),
        ];
    }
}
