using Roomcast.Grains;
using Orleans.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Roomcast.Catalog;
using Roomcast.Sessions;
using Roomcast.Silo.Hosting;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo configured exactly as production does it (<c>silo.AddRoomcast(configuration)</c>,
/// Storage=Dev), with session periods shrunk to sub-second values so lifecycle deadlines fall due in a test.
/// </summary>
/// <remarks>
/// <para>
/// <c>AddRoomcast</c> calls <c>UseLocalhostClustering(11111, 30000)</c> and sets <c>ClusterOptions</c>. That is
/// harmless here: the test cluster's own <c>UseOrleans</c> delegate runs after ours, so its
/// <c>ClusterOptions</c>, <c>EndpointOptions</c> (allocated ports) and <c>IMembershipTable</c> registration are
/// the last ones and win, and the in-memory transport means no socket is bound on 11111/30000.
/// </para>
/// <para>
/// Exactly one silo: in Dev mode the session and room catalogs are per-process singletons, so with two silos a
/// room on one silo would not see the sessions projected on the other (the default of the builder is two).
/// </para>
/// </remarks>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan HostDepartureTimeout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Storage"] = "Dev",
        ["Sessions:HealthCheckInterval"] = "00:00:00.200",
        ["Sessions:HostDepartureTimeout"] = "00:00:01",
        ["Sessions:StartGrace"] = "00:00:01",
        ["Sessions:MaxDuration"] = "00:10:00",
        ["Sessions:ReminderPeriod"] = "00:00:01",
        ["Sessions:ReminderLead"] = "00:00:00",
    };

    private InProcessTestCluster? _cluster;

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the one silo (its catalog, reminder table, ...).</summary>
    public IServiceProvider SiloServices => Cluster.Silos.Single().SiloHost.Services;

    public ISessionCatalog SessionCatalog => SiloServices.GetRequiredService<ISessionCatalog>();

    public IReminderTable ReminderTable => SiloServices.GetRequiredService<IReminderTable>();

    /// <summary>
    /// What a grain has in storage, not in memory (a fresh state when there is no record): proves a state is
    /// gone for good, not just hidden.
    /// </summary>
    public async Task<TState> ReadStoredAsync<TState>(string stateName, IAddressable grain)
        where TState : new()
    {
        var storage = SiloServices.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.RecordExists && state.State is { } stored ? stored : new TState();
    }

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(Settings));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRoomcast(silo.Configuration);

            // Orleans refuses reminder periods under a minute unless told otherwise.
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
        });

        _cluster = builder.Build();
        await _cluster.DeployAsync();
        await WarmUpAsync();
    }

    /// <summary>
    /// Runs one session through its timer paths before any test measures timing: on a 2-core machine several
    /// fresh clusters JIT-compiling at once can delay a first timer tick by hundreds of milliseconds.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var session = Client.GetGrain<ISessionGrain>(Guid.NewGuid());
        await session.CreateAsync(TestSessions.FarFuture());
        await session.StartAsync(null);
        await session.HeartbeatAsync();
        await Task.Delay(HealthCheckInterval * 2);
        await session.EndAsync(null);
        await session.DeleteAsync(null);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
