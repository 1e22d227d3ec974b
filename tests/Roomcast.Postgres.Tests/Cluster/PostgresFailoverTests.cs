using Roomcast.Libraries;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Roomcast.Catalog;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Xunit.Abstractions;
using static Roomcast.Postgres.Tests.Cluster.PostgresTestClusters;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// Losing silos on a real PostgreSQL cluster: acknowledged writes survive an abrupt silo kill, deadline
/// reminders owned by a dead silo fire on the survivor, and a cluster stopped before its deadlines expires
/// every session exactly once after a restart.
/// </summary>
public sealed class PostgresFailoverTests(ITestOutputHelper output)
{
    [PostgresFact]
    public async Task Acknowledged_writes_survive_killing_a_silo_mid_load()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var configuration = Configuration(database);
        await using var cluster = Builder(configuration, fastFailureDetection: true).Build();
        await cluster.DeployAsync();

        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        var room = cluster.Client.GetGrain<IRoomGrain>(roomId);
        await room.CreateAsync(new CreateRoomCommand(owner, "Failover room", null, Visibility.Public, DefaultLibrary.Id));
        var scheduledAt = DateTimeOffset.UtcNow.AddHours(1);
        var sessionIds = new List<Guid>();
        var victim = cluster.Silos[1];
        var survivor = cluster.Silos[0];
        IReadOnlyList<Guid> onVictim = [];

        // Placement skips a silo that is not yet active and prefers the calling one until it has load figures
        // from the others, so: wait for membership to settle, then create sessions from the client, in parallel,
        // and (bounded, with a pause for load figures) until some live on the silo to be killed.
        await cluster.WaitForLivenessToStabilizeAsync();
        for (var round = 0; round < 10 && onVictim.Count == 0; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            var ids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
            await Task.WhenAll(ids.Select((id, i) =>
                cluster.Client.GetGrain<ISessionGrain>(id).CreateAsync(SessionCommand(roomId, owner, $"s{round}-{i}", scheduledAt))));
            sessionIds.AddRange(ids);
            onVictim = await SessionsActiveOnAsync(cluster, victim.SiloAddress, sessionIds);
        }

        Assert.NotEmpty(onVictim);

        // Every acknowledged write: the session and the change_sequence and name the grain answered with.
        var acknowledged = new ConcurrentBag<(Guid Id, long ChangeSequence, string Name)>();
        foreach (var id in sessionIds)
        {
            acknowledged.Add((id, 1, $"s{sessionIds.IndexOf(id)}"));
        }

        var failures = new ConcurrentBag<Exception>();
        var known = new ConcurrentQueue<Guid>(sessionIds);
        var loop = Stopwatch.StartNew();
        var loopLength = TimeSpan.FromSeconds(3);

        async Task RenameWorker(int worker)
        {
            var random = new Random(worker);
            for (var n = 0; loop.Elapsed < loopLength; n++)
            {
                var ids = known.ToArray();
                var id = ids[random.Next(ids.Length)];
                var name = $"w{worker}-{n}";
                try
                {
                    var renamed = await cluster.Client.GetGrain<ISessionGrain>(id).RenameAsync(name, null);
                    acknowledged.Add((id, renamed.ChangeSequence, renamed.Name));
                }
                catch (Exception e)
                {
                    failures.Add(e);
                    await Task.Delay(50);
                }
            }
        }

        async Task CreateWorker()
        {
            for (var n = 0; loop.Elapsed < loopLength; n++)
            {
                try
                {
                    var created = await room.CreateSessionAsync(SessionCommand(roomId, owner, $"c{n}", scheduledAt));
                    acknowledged.Add((created.Id, created.ChangeSequence, created.Name));
                    known.Enqueue(created.Id);
                }
                catch (Exception e)
                {
                    failures.Add(e);
                    await Task.Delay(50);
                }
            }
        }

        async Task KillMidway()
        {
            await Task.Delay(loopLength / 2);
            await cluster.KillSiloAsync(victim);
            output.WriteLine($"killed {victim.SiloAddress} at {loop.Elapsed.TotalSeconds:F1} s");
        }

        await Task.WhenAll([.. Enumerable.Range(0, 4).Select(RenameWorker), CreateWorker(), KillMidway()]);
        output.WriteLine($"write loop done at {loop.Elapsed.TotalSeconds:F1} s: {acknowledged.Count} acknowledged, " +
                         $"{failures.Count} failed ({string.Join(", ", failures.Select(f => f.GetType().Name).Distinct())})");
        Assert.True(acknowledged.Count > sessionIds.Count, "The write loop acknowledged no write at all.");

        // No change_sequence was acknowledged twice for one session: no two activations wrote the same version.
        var duplicates = acknowledged.GroupBy(a => (a.Id, a.ChangeSequence)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);

        var latest = acknowledged.GroupBy(a => a.Id).Select(g => g.MaxBy(a => a.ChangeSequence)).ToList();
        var catalog = survivor.SiloHost.Services.GetRequiredService<ISessionCatalog>();
        var projected = (await catalog.GetManyAsync(latest.Select(a => a.Id).ToList())).ToDictionary(s => s.Id);
        foreach (var ack in latest)
        {
            // The projection is written before the grain answers, so it already holds every acknowledged write.
            Assert.True(projected.TryGetValue(ack.Id, out var row), $"Session {ack.Id} is missing from the catalog.");
            Assert.True(row.ChangeSequence >= ack.ChangeSequence,
                $"Catalog has change_sequence {row.ChangeSequence} of {ack.Id}, {ack.ChangeSequence} was acknowledged.");

            // The grain: the ones that lived on the killed silo re-activate on the survivor from PostgreSQL.
            var read = await RetryAsync(() => cluster.Client.GetGrain<ISessionGrain>(ack.Id).GetAsync(), TimeSpan.FromSeconds(20));
            Assert.True(read.ChangeSequence >= ack.ChangeSequence,
                $"Session {ack.Id} reads change_sequence {read.ChangeSequence}, {ack.ChangeSequence} was acknowledged.");
            if (read.ChangeSequence == ack.ChangeSequence)
            {
                Assert.Equal(ack.Name, read.Name);
            }
        }

        var reactivated = await SessionsActiveOnAsync(cluster, survivor.SiloAddress, onVictim);
        Assert.Equal(onVictim.Order(), reactivated.Order());
    }

    [PostgresFact]
    public async Task Deadline_reminders_of_a_killed_silo_fire_on_the_survivor()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var configuration = Configuration(database, ShortSessions);
        await using var cluster = Builder(configuration, fastFailureDetection: true).Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        // 40 sessions whose deadlines (StartGrace 0: scheduled_at) fall 4 s after creation, i.e. after the kill
        // below: the ones activated on the victim come back only because their reminder fires on the survivor.
        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        var victim = cluster.Silos[1];
        var survivor = cluster.Silos[0];

        // Placement prefers the calling silo until it has load figures from the other: create in rounds (bounded,
        // with a pause for those figures) until some sessions of the latest round live on the silo to be killed.
        var ids = new List<Guid>();
        IReadOnlyList<Guid> onVictim = [];
        var deadline = DateTimeOffset.UtcNow;
        for (var round = 0; round < 10 && onVictim.Count == 0; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            deadline = DateTimeOffset.UtcNow.AddSeconds(4);
            var batch = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
            await Task.WhenAll(batch.Select(id =>
                cluster.Client.GetGrain<ISessionGrain>(id).CreateAsync(SessionCommand(roomId, owner, "expiring", deadline))));
            ids.AddRange(batch);
            onVictim = await SessionsActiveOnAsync(cluster, victim.SiloAddress, batch);
        }

        Assert.NotEmpty(onVictim);
        await cluster.KillSiloAsync(victim);
        Assert.True(DateTimeOffset.UtcNow < deadline, "The silo was killed after the deadlines; the test proves nothing.");
        var killedAt = Stopwatch.StartNew();

        // Only the catalog is read: no call wakes a grain, so whatever expires a session on the dead silo is its reminder.
        var catalog = survivor.SiloHost.Services.GetRequiredService<ISessionCatalog>();
        var rows = await PollCatalogAsync(catalog, ids, r => r.Count == ids.Count && r.All(s => s.State == SessionState.Expired),
            TimeSpan.FromSeconds(30));
        output.WriteLine($"{onVictim.Count} of {ids.Count} sessions were on the killed silo; " +
                         $"all expired {killedAt.Elapsed.TotalSeconds:F1} s after the kill");
        Assert.Equal(ids.Count, rows.Count);
        Assert.All(rows, s =>
        {
            Assert.Equal(SessionState.Expired, s.State);
            Assert.Equal(EndReason.NotStarted, s.EndReason);
            Assert.Equal(2, s.ChangeSequence);
        });
        Assert.DoesNotContain(cluster.GetActiveSilos(), s => s.SiloAddress.Equals(victim.SiloAddress));
    }

    [PostgresFact]
    public async Task Sessions_of_a_stopped_cluster_expire_exactly_once_after_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        var configuration = Configuration(database, ShortSessions);
        var clusterId = InProcessTestClusterBuilder.CreateClusterId();
        var serviceId = Guid.NewGuid().ToString("N");

        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToList();
        var clock = Stopwatch.StartNew();
        DateTimeOffset firstDeadline;
        await using (var first = Builder(configuration, clusterId: clusterId, serviceId: serviceId).Build())
        {
            await first.DeployAsync();

            // Deadlines spread over 8-13 s from now (StartGrace 0, so the deadline is scheduled_at): creating 300 sessions
            // and stopping two silos takes about 1.5 s on 2 cores, so the first deadline keeps a margin of over 2 s.
            var now = DateTimeOffset.UtcNow;
            firstDeadline = now.AddSeconds(8);
            var commands = ids.Select((id, i) => (id, SessionCommand(roomId, owner, $"s{i}", now.AddSeconds(8 + 5.0 * i / ids.Count))));
            foreach (var batch in commands.Chunk(25))
            {
                await Task.WhenAll(batch.Select(c => first.Client.GetGrain<ISessionGrain>(c.id).CreateAsync(c.Item2)));
            }

            output.WriteLine($"created {ids.Count} sessions at {clock.Elapsed.TotalSeconds:F1} s");
            await first.StopAllSilosAsync();
        }

        output.WriteLine($"cluster stopped at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(DateTimeOffset.UtcNow < firstDeadline, "The cluster stopped after the first deadline; the test proves nothing.");

        var catalog = new Persistence.Postgres.Catalog.PostgresSessionCatalog(database.DataSource);
        var beforeRestart = await catalog.GetManyAsync(ids);
        Assert.Equal(ids.Count, beforeRestart.Count);
        Assert.All(beforeRestart, s => Assert.Equal(SessionState.Scheduled, s.State));

        await using var second = Builder(configuration, clusterId: clusterId, serviceId: serviceId).Build();
        await second.DeployAsync();
        output.WriteLine($"cluster restarted at {clock.Elapsed.TotalSeconds:F1} s");

        // The catalog only, before any call to a session grain: the reminders alone must wake them.
        var rows = await PollCatalogAsync(catalog, ids, r => r.Count == ids.Count && r.All(s => s.State == SessionState.Expired),
            TimeSpan.FromSeconds(40));
        output.WriteLine($"{rows.Count(s => s.State == SessionState.Expired)} of {ids.Count} expired at {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ids.Count, rows.Count);
        Assert.All(rows, s =>
        {
            Assert.Equal(SessionState.Expired, s.State);
            Assert.Equal(2, s.ChangeSequence);
        });

        // The grains agree with the catalog (create = 1, expire = 2, nothing after), and the reminders are gone.
        foreach (var id in ids.Take(20))
        {
            var session = await second.Client.GetGrain<ISessionGrain>(id).GetAsync();
            Assert.Equal(SessionState.Expired, session.State);
            Assert.Equal(2, session.ChangeSequence);
        }

        // Only the deployment's maintenance reminders stay: the expiry sweep and the storage cleanup.
        var sessionReminders = "SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName NOT IN "
            + $"('{Grains.Expiry.ExpirySweepGrain.ReminderName}', '{Grains.Recordings.StorageJanitorGrain.ReminderName}')";
        var reminders = await CountAsync(database, sessionReminders);
        for (var wait = Stopwatch.StartNew(); reminders > 0 && wait.Elapsed < TimeSpan.FromSeconds(10); reminders = await CountAsync(database, sessionReminders))
        {
            await Task.Delay(250);
        }

        Assert.Equal(0, reminders);
    }

    private static async Task<long> CountAsync(TestDatabase database, string sql)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
