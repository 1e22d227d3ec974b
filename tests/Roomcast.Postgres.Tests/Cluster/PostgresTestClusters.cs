using Roomcast.Libraries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.Hosting;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// Builds in-process clusters configured like production (<c>AddRoomcast</c>, Storage=Postgres) on one test
/// database, with session periods in seconds and, for the silo-loss tests, fast failure detection.
/// </summary>
internal static class PostgresTestClusters
{
    /// <summary>Session periods short enough that deadlines fall due within a test.</summary>
    public static readonly Dictionary<string, string?> ShortSessions = new()
    {
        ["Sessions:StartGrace"] = "00:00:00",
        ["Sessions:ReminderPeriod"] = "00:00:01",
        ["Sessions:ReminderLead"] = "00:00:00",
    };

    public static IConfiguration Configuration(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage"] = "Postgres",
            // TestDatabase turns pooling off (for its own short-lived connections); a cluster under load needs it, as
            // production has it: a fresh, authenticated connection per grain write makes 300 writes take seconds.
            // Bounded: each silo opens a pool per store, and with Npgsql's default of 100 a burst of re-activations on
            // two or three silos (plus the other test assemblies) ran PostgreSQL out of its 100 connections (53300).
            [$"ConnectionStrings:{RoomcastHostingOptions.ConnectionStringName}"] =
                new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true, MaxPoolSize = 10 }.ConnectionString,
        };
        foreach (var (key, value) in TestLiveKit.Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    /// <summary>
    /// A builder for <paramref name="silos"/> silos on ADO.NET membership, grain storage and reminders.
    /// Pass the same <paramref name="clusterId"/>/<paramref name="serviceId"/> to a second builder to restart
    /// the same service: ADO.NET grain state and reminders are keyed by the service id, which the test cluster
    /// otherwise makes up afresh (a random GUID) for every builder.
    /// </summary>
    public static InProcessTestClusterBuilder Builder(
        IConfiguration configuration, short silos = 2, bool fastFailureDetection = false,
        string? clusterId = null, string? serviceId = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        if (clusterId is not null)
        {
            builder.Options.ClusterId = clusterId;
        }

        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        // Real ADO.NET membership instead of the test cluster's in-memory table; the client finds gateways
        // through the same table. The switch is not public in TestingHost 10.4.2, hence reflection.
        typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership",
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!
            .SetValue(builder.Options, false);

        // Options such as Sessions:* bind from the host configuration, not from the IConfiguration passed to AddRoomcast.
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddConfiguration(configuration));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRoomcast(configuration);

            // Orleans refuses reminder periods under a minute unless told otherwise.
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromMilliseconds(500));

            // Response timeouts, membership and gateway settings are production's (AddRoomcast, Cluster:*): a call to a
            // grain of a dead silo fails within seconds there too. Some tests shorten failure detection further.
            if (fastFailureDetection)
            {
                silo.Services.Configure<ClusterMembershipOptions>(FastFailureDetection);
            }
        });
        builder.ConfigureClient(client =>
        {
            client.AddRoomcast(configuration);
            if (fastFailureDetection)
            {
                // Read by the test cluster's WaitForLivenessToStabilizeAsync only: it bounds its wait with the client's.
                client.Services.Configure<ClusterMembershipOptions>(FastFailureDetection);
            }
        });
        return builder;
    }

    /// <summary>
    /// Failure detection faster still than production's <c>Cluster:*</c> defaults, for the tests that stop a silo with
    /// the test cluster's <c>KillSiloAsync</c>. That stop is not a kill -9: the silo stops in-process with a cancelled
    /// token and still writes itself Stopping and Dead to the membership table, so the survivors learn of it at once;
    /// <see cref="SiloProcess"/> kills a real process for the tests that need a silo which says nothing. (Orleans needs
    /// at most half of the active silos' votes, so with two silos the survivor's one vote is enough.)
    /// </summary>
    private static void FastFailureDetection(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 1;
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(5);
        o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(2);
        o.ExtendProbeTimeoutDuringDegradation = false;
    }

    public static CreateSessionCommand SessionCommand(Guid roomId, Guid owner, string name, DateTimeOffset scheduledAt) =>
        new(roomId, owner, owner, name, null, SessionType.Webinar, Visibility.Public,
            scheduledAt, SessionSettings.DefaultsFor(SessionType.Webinar), null, false, "roomcast", DefaultLibrary.Id);

    /// <summary>Polls the catalog (never the grains) until <paramref name="done"/> holds or the time is up; returns the last read.</summary>
    public static async Task<IReadOnlyList<SessionSnapshot>> PollCatalogAsync(
        ISessionCatalog catalog, IReadOnlyCollection<Guid> ids, Func<IReadOnlyList<SessionSnapshot>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await catalog.GetManyAsync(ids);
            if (done(rows) || DateTime.UtcNow > deadline)
            {
                return rows;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Which of <paramref name="ids"/> (session grains) are active on <paramref name="silo"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> SessionsActiveOnAsync(InProcessTestCluster cluster, SiloAddress silo, IReadOnlyCollection<Guid> ids)
    {
        var statistics = await cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo]);
        var wanted = ids.ToHashSet();
        return statistics
            .Where(s => s.GrainId.TryGetGuidKey(out var key, out _) && wanted.Contains(key))
            .Select(s => { s.GrainId.TryGetGuidKey(out var key, out _); return key; })
            .Distinct()
            .ToList();
    }

    /// <summary>Retries a call that may fail while the cluster is still declaring a silo dead.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> call, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is not RoomcastException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
