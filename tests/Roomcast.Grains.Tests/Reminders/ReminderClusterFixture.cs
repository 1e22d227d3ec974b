using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Hosting;
using Roomcast.Hosting.Storage;
using Roomcast.Reminders;

namespace Roomcast.Grains.Tests.Reminders;

/// <summary>
/// <see cref="ClusterFixture"/>'s silo (production configuration, Storage=Dev, fake clock, storage that fails on
/// demand) with a <see cref="RecordingReminderNotifier"/> in place of the log sink, so tests count notices.
/// </summary>
public sealed class ReminderClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    public const int BatchSize = 100;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Storage"] = "Dev",
        ["Sessions:StartGrace"] = "00:15:00",
        ["Sessions:ReminderPeriod"] = "00:01:00",
        ["Sessions:ReminderLead"] = "00:00:30",
        ["Reminders:Lead"] = Lead.ToString(),
        ["Reminders:ReminderPeriod"] = ReminderPeriod.ToString(),
        ["Reminders:WakeLead"] = "00:00:30",
        ["Reminders:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Quotas:ScheduledSessionsPerOwner"] = "1000",
    };

    private static readonly string[] RealTimeAreas =
    [
        TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
    ];

    private InProcessTestCluster? _cluster;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RecordingReminderNotifier Notifier { get; } = new();

    private string RecordingsRoot { get; } = Path.Combine(Path.GetTempPath(), "roomcast-reminder-tests-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    public IClusterClient Client => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos.Single().SiloHost.Services;

    public IRoomSubscriberLog Subscribers => SiloServices.GetRequiredService<IRoomSubscriberLog>();

    public IReminderTable ReminderTable => SiloServices.GetRequiredService<IReminderTable>();

    public FaultInjectingGrainStorage Storage => (FaultInjectingGrainStorage)SiloServices.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(Settings)
            .AddInMemoryCollection([new("RecordingStorage:Local:Root", RecordingsRoot)]));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IReminderNotifier>(Notifier);
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

[CollectionDefinition(Name)]
public sealed class ReminderCollection : ICollectionFixture<ReminderClusterFixture>
{
    public const string Name = "Reminder cluster";
}
