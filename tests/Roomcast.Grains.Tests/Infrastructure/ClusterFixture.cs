using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Roomcast.Catalog;
using Roomcast.Hosting;
using Roomcast.Hosting.Storage;

namespace Roomcast.Grains.Tests.Infrastructure;

/// <summary>
/// One in-process silo configured exactly as production does it (<c>silo.AddRoomcast(configuration)</c>,
/// Storage=Dev), with two things a test controls: <see cref="Clock"/>, the fake clock that grains, their timers and
/// their reminders run on, and <see cref="Storage"/>, which fails on demand in front of the in-memory storage.
/// </summary>
/// <remarks>
/// <para>
/// Orleans resolves each area's clock as a keyed <see cref="TimeProvider"/> that falls back to the default one. The
/// fixture makes the fake the default (so grains, grain timers, reminders and the identity clock use it) and pins
/// messaging, membership and the silo's maintenance loops to the real clock, so advancing time never expires a
/// request or a silo. Tests in one collection run in order, so one test's advance never races another's.
/// </para>
/// <para>
/// Exactly one silo: in Dev mode the session and room catalogs are per-process singletons, so with two silos a
/// room on one silo would not see the sessions projected on the other (the default of the builder is two).
/// </para>
/// </remarks>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan HealthCheckInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan HostDepartureTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan ReminderLead = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan PresenceCheckInterval = TimeSpan.FromSeconds(5);
    public const int RoomsPerOwner = 3;
    public const int ScheduledSessionsPerOwner = 8;
    public const int PresetsPerOwner = 4;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Storage"] = "Dev",
        // Webhook receivers of the tests listen on 127.0.0.1.
        ["Webhooks:AllowPrivateAddresses"] = "true",
        ["Sessions:HealthCheckInterval"] = HealthCheckInterval.ToString(),
        ["Sessions:HostDepartureTimeout"] = HostDepartureTimeout.ToString(),
        ["Sessions:StartGrace"] = StartGrace.ToString(),
        ["Sessions:MaxDuration"] = "00:10:00",
        ["Sessions:ReminderPeriod"] = ReminderPeriod.ToString(),
        ["Sessions:ReminderLead"] = ReminderLead.ToString(),
        ["Attendance:PresenceTimeout"] = PresenceTimeout.ToString(),
        ["Attendance:PresenceCheckInterval"] = PresenceCheckInterval.ToString(),
        ["Quotas:RoomsPerOwner"] = RoomsPerOwner.ToString(CultureInfo.InvariantCulture),
        ["Quotas:ScheduledSessionsPerOwner"] = ScheduledSessionsPerOwner.ToString(CultureInfo.InvariantCulture),
        ["Quotas:PresetsPerOwner"] = PresetsPerOwner.ToString(CultureInfo.InvariantCulture),
    };

    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
    ];

    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>This cluster's own recording storage folder (local storage), removed with the cluster.</summary>
    public string RecordingsRoot { get; } = Path.Combine(Path.GetTempPath(), "roomcast-grain-tests-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    /// <summary>The services of the one silo (its catalog, reminder table, ...).</summary>
    public IServiceProvider SiloServices => Cluster.Silos.Single().SiloHost.Services;

    public ISessionCatalog SessionCatalog => SiloServices.GetRequiredService<ISessionCatalog>();

    public IReminderTable ReminderTable => SiloServices.GetRequiredService<IReminderTable>();

    public FaultInjectingGrainStorage Storage => (FaultInjectingGrainStorage)SiloServices.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    /// <summary>
    /// What a grain has in storage, not in memory (a fresh state when there is no record): proves a state is
    /// gone for good, not just hidden.
    /// </summary>
    public async Task<TState> ReadStoredAsync<TState>(string stateName, IAddressable grain)
        where TState : new()
    {
        var storage = SiloServices.GetRequiredService<ExpiringMemoryGrainStorage>();
        var state = new GrainState<TState>(new TState());
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return state.RecordExists && state.State is { } stored ? stored : new TState();
    }

    /// <summary>Whether the grain has an activation now (a lookup must not leave one behind).</summary>
    public bool IsActive(IAddressable grain) => Cluster.TryGetGrainContext(grain.GetGrainId(), out _);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(Settings)
            .AddInMemoryCollection([new("RecordingStorage:Local:Root", RecordingsRoot)]));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRoomcast(silo.Configuration);

            silo.Services.AddSingleton<TimeProvider>(Clock);
            foreach (var area in RealTimeAreas)
            {
                silo.Services.AddKeyedSingleton(area, TimeProvider.System);
            }

            silo.Services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (services, _) =>
                new FaultInjectingGrainStorage(services.GetRequiredService<ExpiringMemoryGrainStorage>()));
        });

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (Directory.Exists(RecordingsRoot))
        {
            Directory.Delete(RecordingsRoot, recursive: true);
        }
    }
}
