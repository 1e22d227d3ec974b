using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Runtime;
using Roomcast.Hosting;
using Roomcast.Libraries;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.Testing;
using Xunit.Abstractions;
using static Roomcast.Postgres.Tests.Cluster.PostgresTestClusters;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// What a silo loss costs the callers, with production's failover settings (<see cref="ClusterFailoverOptions"/>
/// defaults, no test-only shortcuts): two silos and an external client under load, one silo killed abruptly.
/// A call never waits longer than the client's response timeout, every session answers again within 10 s of the
/// kill, and a silo that comes back gets its share of the client's traffic within 30 s.
/// </summary>
public sealed class PostgresSiloLossTests(ITestOutputHelper output)
{
    /// <summary>The longest a call may take around a kill: the client's 5 s response timeout plus slack for 2 busy cores.</summary>
    private static readonly TimeSpan WorstCallBound = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RebalanceBound = TimeSpan.FromSeconds(30);

    [PostgresFact]
    public async Task A_killed_silo_costs_callers_seconds_and_every_session_answers_within_ten_seconds()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var cluster = await ProcessCluster.StartAsync(database);
        var (victim, survivor) = (cluster.Silos[1], cluster.Silos[0]);
        var (sessionIds, onVictim) = await SessionsOnBothSilosAsync(cluster, victim);

        // One caller per session, each reading its session every 100 ms: a call that hangs holds up only its own session.
        var calls = new ConcurrentBag<Call>();
        var clock = Stopwatch.StartNew();
        var killedAt = TimeSpan.MaxValue;
        var declaredDeadAt = TimeSpan.MaxValue;
        var stopAt = TimeSpan.FromSeconds(2) + RecoveryBound + TimeSpan.FromSeconds(3);

        async Task Caller(Guid id)
        {
            var grain = cluster.Client.GetGrain<ISessionGrain>(id);
            while (clock.Elapsed < stopAt)
            {
                var started = clock.Elapsed;
                string? failure = null;
                try
                {
                    await grain.GetAsync();
                }
                catch (Exception e)
                {
                    failure = e.GetType().Name;
                }

                calls.Add(new Call(id, started, clock.Elapsed, failure));
                await Task.Delay(100);
            }
        }

        async Task KillAfterTwoSecondsAndWatchMembership()
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            killedAt = clock.Elapsed;
            victim.Kill();
            output.WriteLine($"killed the silo on port {victim.SiloPort} at {killedAt.TotalSeconds:F1} s");
            while (clock.Elapsed < stopAt && !await victim.IsDeclaredDeadAsync(database, cluster.ClusterId))
            {
                await Task.Delay(100);
            }

            declaredDeadAt = clock.Elapsed;
        }

        await Task.WhenAll([.. sessionIds.Select(Caller), KillAfterTwoSecondsAndWatchMembership()]);

        var afterKill = calls.Where(c => c.Ended > killedAt).ToList();
        var failed = afterKill.Where(c => c.Failure is not null).ToList();
        var worst = calls.MaxBy(c => c.Duration)!;
        var recovery = sessionIds.ToDictionary(id => id, id => RecoveredAt(calls.Where(c => c.Session == id), killedAt));
        var slowest = recovery.MaxBy(r => r.Value);
        output.WriteLine($"{onVictim.Count} of {sessionIds.Count} sessions were on the killed silo; {calls.Count} calls, " +
                         $"{failed.Count} failed after the kill ({string.Join(", ", failed.Select(f => f.Failure).Distinct())})");
        output.WriteLine($"membership declared the silo dead {Seconds(declaredDeadAt - killedAt)} after the kill");
        output.WriteLine($"worst call: {Seconds(worst.Duration)} ({worst.Failure ?? "ok"}, started {Seconds(worst.Started - killedAt)} after the kill)");
        if (failed.Count > 0)
        {
            output.WriteLine($"error window: failed calls ended between {Seconds(failed.Min(f => f.Ended) - killedAt)} " +
                             $"and {Seconds(failed.Max(f => f.Ended) - killedAt)} after the kill; " +
                             $"longest failed call {Seconds(failed.Max(f => f.Duration))}");
        }

        output.WriteLine($"every session answered again {Seconds(slowest.Value)} after the kill (slowest: {slowest.Key}, " +
                         $"on the killed silo: {onVictim.Contains(slowest.Key)})");

        Assert.True(worst.Duration < WorstCallBound,
            $"A call took {Seconds(worst.Duration)} ({worst.Failure ?? "ok"}); no call may wait longer than {Seconds(WorstCallBound)}.");
        Assert.All(recovery, r => Assert.True(r.Value <= RecoveryBound,
            $"Session {r.Key} answered again only {Seconds(r.Value)} after the kill (on the killed silo: {onVictim.Contains(r.Key)})."));
        Assert.True(await survivor.IsDeclaredDeadAsync(database, cluster.ClusterId) == false, "The survivor was declared dead too.");
    }

    [PostgresFact]
    public async Task A_restarted_silo_gets_its_share_of_the_client_traffic_within_thirty_seconds()
    {
        var total = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var cluster = await ProcessCluster.StartAsync(database);
        output.WriteLine($"two silos and the client up at {Seconds(total.Elapsed)}");
        var balancer = cluster.ClientServices.GetRequiredService<GatewayRebalancer>();
        var victim = cluster.Silos[1];
        var (sessionIds, _) = await SessionsOnBothSilosAsync(cluster, victim);
        output.WriteLine($"{sessionIds.Count} sessions on both silos at {Seconds(total.Elapsed)}");

        // The same sessions all along: their buckets are bound, so only rebalancing can move them to a new gateway.
        async Task CallAllAsync() => await Task.WhenAll(sessionIds.Select(id =>
            RetryAsync(() => cluster.Client.GetGrain<ISessionGrain>(id).GetAsync(), TimeSpan.FromSeconds(15))));

        await CallAllAsync();
        output.WriteLine($"before the kill: {Describe(balancer)}");
        victim.Kill();
        await CallAllAsync();
        output.WriteLine($"after the kill: {Describe(balancer)}");
        Assert.DoesNotContain(balancer.BucketsPerGateway().Keys, g => g.Endpoint.Port == victim.GatewayPort);

        // The same ports, as a restarted deployment has: the client must also stop treating the address as dead.
        output.WriteLine($"killed, and every session answered on the survivor, at {Seconds(total.Elapsed)}");
        var restarted = await cluster.StartSiloAsync(victim.SiloPort, victim.GatewayPort);
        output.WriteLine($"restarted silo active at {Seconds(total.Elapsed)}");
        var clock = Stopwatch.StartNew();
        var share = 0.0;
        while (clock.Elapsed < RebalanceBound)
        {
            await CallAllAsync();
            var counts = balancer.BucketsPerGateway();
            share = (double)counts.Where(c => c.Key.Endpoint.Port == restarted.GatewayPort).Sum(c => c.Value) / Math.Max(1, counts.Values.Sum());
            if (share >= 0.25)
            {
                break;
            }

            await Task.Delay(250);
        }

        output.WriteLine($"{Seconds(clock.Elapsed)} after the restarted silo was active: {Describe(balancer)}; its share {share:P0}");
        Assert.True(share >= 0.25,
            $"{Seconds(RebalanceBound)} after a silo came back its gateway carries {share:P0} of the client's grain buckets.");

        // Spread once, and it stays spread: another rebalancing period of traffic clears nothing more.
        var rebalances = balancer.Rebalances;
        for (var wait = Stopwatch.StartNew(); wait.Elapsed < new ClusterFailoverOptions().GatewayRebalancePeriod * 1.5;)
        {
            await CallAllAsync();
            await Task.Delay(250);
        }

        output.WriteLine($"rebalanced {balancer.Rebalances} time(s) in all: {Describe(balancer)}");
        Assert.Equal(rebalances, balancer.Rebalances);
        output.WriteLine($"done at {Seconds(total.Elapsed)}");
    }

    /// <summary>A room and sessions, created from the client until some (but not all) are active on <paramref name="victim"/>.</summary>
    private static async Task<(List<Guid> SessionIds, IReadOnlyList<Guid> OnVictim)> SessionsOnBothSilosAsync(
        ProcessCluster cluster, SiloProcess victim)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetHosts(onlyActive: true);
        var victimAddress = hosts.Keys.Single(s => s.Endpoint.Port == victim.SiloPort);
        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        await cluster.Client.GetGrain<IRoomGrain>(roomId)
            .CreateAsync(new CreateRoomCommand(owner, "Silo loss room", null, Visibility.Public, DefaultLibrary.Id));
        var sessionIds = new List<Guid>();
        IReadOnlyList<Guid> onVictim = [];
        for (var round = 0; round < 10 && (onVictim.Count == 0 || onVictim.Count == sessionIds.Count); round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
            await Task.WhenAll(ids.Select((id, i) => cluster.Client.GetGrain<ISessionGrain>(id)
                .CreateAsync(SessionCommand(roomId, owner, $"s{round}-{i}", DateTimeOffset.UtcNow.AddHours(1)))));
            sessionIds.AddRange(ids);
            var statistics = await management.GetDetailedGrainStatistics(hostsIds: [victimAddress]);
            var wanted = sessionIds.ToHashSet();
            onVictim = [.. statistics.Select(s => s.GrainId.TryGetGuidKey(out var key, out _) ? key : Guid.Empty).Where(wanted.Contains).Distinct()];
        }

        Assert.NotEmpty(onVictim);
        Assert.NotEqual(sessionIds.Count, onVictim.Count);
        return (sessionIds, onVictim);
    }

    /// <summary>
    /// When a session answered for good after the kill: the end of its first call after the kill that succeeded with
    /// no failure after it. A session that never succeeded after the kill, or not after its last failure, never did.
    /// </summary>
    private static TimeSpan RecoveredAt(IEnumerable<Call> calls, TimeSpan killedAt)
    {
        var ordered = calls.Where(c => c.Ended > killedAt).OrderBy(c => c.Started).ToList();
        var lastFailure = ordered.FindLastIndex(c => c.Failure is not null);
        var success = ordered.Skip(lastFailure + 1).FirstOrDefault(c => c.Failure is null);
        return success is null ? TimeSpan.MaxValue : TimeSpan.FromTicks(Math.Max(0, (success.Ended - killedAt).Ticks));
    }

    private static string Describe(GatewayRebalancer balancer) =>
        "buckets per gateway " + string.Join(", ", balancer.BucketsPerGateway().Select(c => $"{c.Key.Endpoint}: {c.Value}")) +
        "; live gateways " + string.Join(", ", balancer.LiveGateways().Select(g => g.Endpoint));

    private static string Seconds(TimeSpan time) => time == TimeSpan.MaxValue ? "never" : $"{time.TotalSeconds:F2} s";

    private sealed record Call(Guid Session, TimeSpan Started, TimeSpan Ended, string? Failure)
    {
        public TimeSpan Duration => Ended - Started;
    }

    /// <summary>Two silo processes and an Orleans client (an API node's, over TCP) configured as production has them.</summary>
    internal sealed class ProcessCluster : IAsyncDisposable
    {
        private readonly TestDatabase _database;
        private readonly Dictionary<string, string?> _settings;
        private IHost? _client;

        private ProcessCluster(TestDatabase database, Dictionary<string, string?> settings, string clusterId)
        {
            _database = database;
            _settings = settings;
            ClusterId = clusterId;
        }

        public string ClusterId { get; }

        public List<SiloProcess> Silos { get; } = [];

        public IClusterClient Client => ClientServices.GetRequiredService<IClusterClient>();

        public IServiceProvider ClientServices => _client!.Services;

        /// <summary>Starts the cluster; <paramref name="extra"/> settings go to the silos and the client alike.</summary>
        public static async Task<ProcessCluster> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?>? extra = null)
        {
            var clusterId = $"silo-loss-{Guid.NewGuid():N}";
            var settings = new Dictionary<string, string?>
            {
                ["Storage"] = "Postgres",
                [$"ConnectionStrings:{RoomcastHostingOptions.ConnectionStringName}"] =
                    new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ConnectionString,
                ["Orleans:ServiceId"] = "roomcast-silo-loss-test",
            };
            foreach (var (key, value) in TestLiveKit.Settings.Concat(extra ?? new Dictionary<string, string?>()))
            {
                settings[key] = value;
            }

            var cluster = new ProcessCluster(database, settings, clusterId);
            try
            {
                await Task.WhenAll(
                    cluster.StartSiloAsync(LoopbackPorts.Next(), LoopbackPorts.Next()),
                    cluster.StartSiloAsync(LoopbackPorts.Next(), LoopbackPorts.Next()));
                cluster.Silos.Sort((a, b) => a.SiloPort.CompareTo(b.SiloPort));

                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Configuration.AddInMemoryCollection(settings);
                builder.Configuration["Orleans:ClusterId"] = clusterId;
                builder.UseOrleansClient(client => client.AddRoomcast(builder.Configuration));
                cluster._client = builder.Build();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await cluster._client.StartAsync(timeout.Token);
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async Task<SiloProcess> StartSiloAsync(int siloPort, int gatewayPort)
        {
            var silo = await SiloProcess.StartAsync(_database, _settings, ClusterId, siloPort, gatewayPort);
            lock (Silos)
            {
                Silos.Add(silo);
            }

            return silo;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await _client.StopAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // A client that cannot say goodbye to a dead gateway in time is left behind.
                }

                _client.Dispose();
            }

            foreach (var silo in Silos)
            {
                await silo.DisposeAsync();
            }
        }
    }
}
