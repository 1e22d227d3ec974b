using Orleans.Dashboard;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Roomcast.Grains;
using Roomcast.Grains.Expiry;
using Roomcast.Hosting.Storage;

namespace Roomcast.Hosting;

public static class RoomcastSiloBuilderExtensions
{
    /// <summary>Orleans' in-memory storage under dev mode's expiring-state index (<see cref="ExpiringMemoryGrainStorage"/>).</summary>
    public const string InMemoryStorageName = "roomcast-in-memory";

    /// <summary>
    /// Configures a Roomcast silo: grains, dashboard, and clustering, grain storage, reminders and catalog
    /// from the one <c>Storage</c> switch. Used by the standalone silo, the API's embedded silo and tests.
    /// </summary>
    public static ISiloBuilder AddRoomcast(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = RoomcastHostingOptions.From(configuration);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = hosting.ClusterId;
            o.ServiceId = hosting.ServiceId;
        });

        switch (hosting.Storage)
        {
            case StorageMode.Dev:
                silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort);
                silo.AddMemoryGrainStorage(InMemoryStorageName);
                silo.Services.AddSingleton(services =>
                    new ExpiringMemoryGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(InMemoryStorageName)));
                silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name,
                    (services, _) => services.GetRequiredService<ExpiringMemoryGrainStorage>());
                silo.Services.AddSingleton<IExpiredStateSweeper>(services => services.GetRequiredService<ExpiringMemoryGrainStorage>());
                silo.UseInMemoryReminderService();
                silo.Services.AddHostedService<InMemoryStorageWarning>();
                break;
            case StorageMode.Postgres:
                silo.UseRoomcastPostgres(hosting);
                silo.UseRoomcastFailover(ClusterFailoverOptions.From(configuration));
                break;
        }

        silo.UseRoomcastKubernetes(configuration);

        // Grain state is stored with the Orleans serializer, not the default Newtonsoft JSON: it is what crosses
        // grain calls already ([Id]-based, version tolerant, any collection type), and it is cheaper per write.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        // Grain calls carry the caller's trace (W3C trace context in the request context): API node -> silo -> silo.
        silo.AddActivityPropagation();
        silo.AddDashboard();
        silo.Services.AddRoomcastGrainServices();
        silo.Services.AddRoomcastLiveKit(configuration, isDevelopment: hosting.Storage == StorageMode.Dev);
        silo.Services.AddRoomcastRecordingStorage(configuration);
        silo.Services.AddRoomcastCentrifugo(configuration);
        // Outbound webhooks: every silo delivers the outbox (claims are leased, so silos share it).
        silo.Services.AddSingleton<Roomcast.Grains.Webhooks.WebhookDispatcher>();
        silo.Services.AddHostedService(services => services.GetRequiredService<Roomcast.Grains.Webhooks.WebhookDispatcher>());
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, MaintenanceRemindersStartup>();
        return silo;
    }

    /// <summary>Configures an Orleans client (an API node without a silo) to reach the cluster of this configuration.</summary>
    public static IClientBuilder AddRoomcast(this IClientBuilder client, IConfiguration configuration)
    {
        var hosting = RoomcastHostingOptions.From(configuration);
        client.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = hosting.ClusterId;
            o.ServiceId = hosting.ServiceId;
        });

        switch (hosting.Storage)
        {
            case StorageMode.Dev:
                // The in-memory catalog lives inside the silo process; a separate API node would list nothing.
                throw new InvalidOperationException(
                    "An API node without an embedded silo needs Storage=Postgres: in Dev mode the catalog lives in the silo's memory.");
            case StorageMode.Postgres:
                client.UseRoomcastPostgres(hosting);
                client.UseRoomcastFailover(ClusterFailoverOptions.From(configuration));
                break;
        }

        client.AddActivityPropagation();
        client.AddDashboard();
        return client;
    }
}
