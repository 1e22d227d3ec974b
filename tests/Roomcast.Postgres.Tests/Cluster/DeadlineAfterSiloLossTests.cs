using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Roomcast.Catalog;
using Roomcast.Libraries;
using Roomcast.Postgres.Tests.Infrastructure;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Xunit.Abstractions;
using static Roomcast.Postgres.Tests.Cluster.PostgresSiloLossTests;
using static Roomcast.Postgres.Tests.Cluster.PostgresTestClusters;

namespace Roomcast.Postgres.Tests.Cluster;

/// <summary>
/// A deadline whose exact grain timer was armed on a silo that is then killed (SIGKILL, a real silo process) fires on
/// the survivor within failure detection plus a few seconds, not a reminder period late. Production's reminder
/// settings (period 1 min, Orleans' minimum; lead 30 s): the reminder's early tick wakes the grain 30 s before the
/// deadline and moves the reminder's next tick onto the deadline itself, so the survivor, which inherits the reminder
/// and not the timer, acts at the deadline instead of a period after the early tick; and when the silo dies too close
/// to the deadline for that tick to land, the failover reminder (deadline + 10 s) does.
/// </summary>
public sealed class DeadlineAfterSiloLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ReminderLead = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deadline = creation + this grace. Long enough for the early tick (grace - lead = 6 s after creation) to have
    /// moved the reminders before the kill; short enough to keep the test near a minute. Real time is unavoidable:
    /// the deadlines are kept by Orleans reminders in two separate processes, which no fake clock reaches.
    /// </summary>
    private static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(36);

    /// <summary>Failure detection (about 2-6 s with production's membership settings) plus a few seconds.</summary>
    private static readonly TimeSpan LatenessBound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The silo is killed <paramref name="secondsBeforeDeadline"/> before the earliest deadline, its timers armed and
    /// not yet fired: 4 s (failure detection ends before the deadline, and the deadline reminder's tick lands on the
    /// survivor) and 1 s (detection, about 2 s or more, ends after the deadline: that tick is lost, the failover reminder acts).
    /// </summary>
    [PostgresTheory]
    [InlineData(4.0)]
    [InlineData(1.0)]
    public async Task A_deadline_armed_on_a_killed_silo_fires_on_the_survivor_within_seconds(double secondsBeforeDeadline)
    {
        var killBeforeDeadline = TimeSpan.FromSeconds(secondsBeforeDeadline);
        var total = Stopwatch.StartNew();
        await using var database = await TestDatabase.CreateAsync(migrate: false);
        await using var cluster = await ProcessCluster.StartAsync(database, new Dictionary<string, string?>
        {
            ["Sessions:ReminderPeriod"] = "00:01:00",
            ["Sessions:ReminderLead"] = "00:00:30",
            ["Sessions:StartGrace"] = "00:00:36",
        });
        output.WriteLine($"two silo processes and the client up at {total.Elapsed.TotalSeconds:F1} s");
        var victim = cluster.Silos[1];
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var victimAddress = (await management.GetHosts(onlyActive: true)).Keys.Single(s => s.Endpoint.Port == victim.SiloPort);

        // Scheduled now: each deadline is creation + StartGrace. One batch normally lands on both silos; placement
        // prefers the gateway's silo until it has the other's load figures, so further batches (a second apart, each
        // with its own deadlines) only until some land on the victim.
        var owner = Guid.NewGuid();
        var roomId = Guid.NewGuid();
        await cluster.Client.GetGrain<IRoomGrain>(roomId)
            .CreateAsync(new CreateRoomCommand(owner, "Deadline room", null, Visibility.Public, DefaultLibrary.Id));
        var deadlines = new Dictionary<Guid, DateTimeOffset>();
        IReadOnlyList<Guid> onVictim = [];
        for (var round = 0; round < 8 && onVictim.Count == 0; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            var batch = Enumerable.Range(0, 16).Select(_ => Guid.NewGuid()).ToList();
            var created = await Task.WhenAll(batch.Select((id, i) => cluster.Client.GetGrain<ISessionGrain>(id)
                .CreateAsync(SessionCommand(roomId, owner, $"deadline-{round}-{i}", DateTimeOffset.UtcNow))));
            foreach (var session in created)
            {
                // The silo process honours Sessions:StartGrace from its configuration.
                Assert.Equal(session.ScheduledAt + StartGrace, session.Meta.Expires);
                deadlines[session.Id] = session.Meta.Expires!.Value;
            }

            var statistics = await management.GetDetailedGrainStatistics(hostsIds: [victimAddress]);
            onVictim = [.. statistics.Select(s => s.GrainId.TryGetGuidKey(out var key, out _) ? key : Guid.Empty)
                .Where(deadlines.ContainsKey).Distinct()];
        }

        Assert.NotEmpty(onVictim);
        var earliest = deadlines.Values.Min();
        output.WriteLine($"{onVictim.Count} of {deadlines.Count} sessions active on the silo to be killed; " +
                         $"earliest deadline in {(earliest - DateTimeOffset.UtcNow).TotalSeconds:F1} s");

        // The reminders as registered: period 1 min, first tick ReminderLead before the deadline (the silo honours
        // both settings). Then wait (bounded by the early tick, StartGrace - ReminderLead after creation) until each
        // early tick has moved its reminder onto the deadline.
        var registered = await RemindersAsync(database, deadlines.Keys);
        Assert.All(deadlines, d =>
        {
            Assert.True(registered.TryGetValue(d.Key, out var row), $"Session {d.Key} has no deadline reminder.");
            Assert.Equal(ReminderPeriod, row.Period);
            Assert.True(Near(row.Start, d.Value - ReminderLead) || Near(row.Start, d.Value),
                $"Session {d.Key}: reminder starts {row.Start:O}, deadline {d.Value:O}.");
        });

        var moved = registered;
        while (!deadlines.All(d => moved.TryGetValue(d.Key, out var row) && Near(row.Start, d.Value))
               && DateTimeOffset.UtcNow < earliest - killBeforeDeadline)
        {
            await Task.Delay(250);
            moved = await RemindersAsync(database, deadlines.Keys);
        }

        Assert.All(onVictim, id => Assert.True(moved.TryGetValue(id, out var row) && Near(row.Start, deadlines[id]),
            $"Session {id}: the early tick did not move the reminder onto the deadline {deadlines[id]:O} before the kill " +
            $"(starts {(moved.TryGetValue(id, out var r) ? r.Start.ToString("O") : "nowhere")})."));
        output.WriteLine($"every reminder starts at its deadline at {total.Elapsed.TotalSeconds:F1} s");

        // The timers on the victim are armed for the deadlines; kill it shortly before they fire.
        var killAt = earliest - killBeforeDeadline;
        if (killAt > DateTimeOffset.UtcNow)
        {
            await Task.Delay(killAt - DateTimeOffset.UtcNow);
        }

        // Timed as the signal is sent: Kill() then waits for the process to be gone, which takes a busy machine a while.
        var killedAt = DateTimeOffset.UtcNow;
        victim.Kill();
        Assert.True(killedAt < earliest, "The silo was killed after the deadline; the test proves nothing.");
        output.WriteLine($"killed the silo on port {victim.SiloPort} {(earliest - killedAt).TotalSeconds:F1} s before the earliest deadline " +
                         $"(at {total.Elapsed.TotalSeconds:F1} s)");

        // Only the catalog is read (PostgreSQL, through the client node's catalog): no call wakes a grain, so what
        // expires a session of the dead silo is its reminder on the survivor.
        var catalog = cluster.ClientServices.GetRequiredService<ISessionCatalog>();
        var ids = deadlines.Keys.ToList();
        var rows = await PollCatalogAsync(catalog, ids,
            r => r.Count == ids.Count && r.All(s => s.State == SessionState.Expired),
            deadlines.Values.Max() + LatenessBound + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow);
        var observedAt = DateTimeOffset.UtcNow;
        var declaredDead = await victim.IsDeclaredDeadAsync(database, cluster.ClusterId);

        var lateness = rows.Where(s => s.EndedAt is not null).ToDictionary(s => s.Id, s => s.EndedAt!.Value - deadlines[s.Id]);
        var victimLateness = onVictim.Where(lateness.ContainsKey).Select(id => lateness[id]).ToList();
        output.WriteLine($"{rows.Count(s => s.State == SessionState.Expired)} of {ids.Count} expired, all observed by " +
                         $"{(observedAt - killedAt).TotalSeconds:F1} s after the kill; victim declared dead: {declaredDead}");
        var otherLateness = lateness.Where(l => !onVictim.Contains(l.Key)).Select(l => l.Value).ToList();
        foreach (var (label, values) in new[] { ("the killed silo's sessions", victimLateness), ("the other sessions", otherLateness) })
        {
            if (values.Count > 0)
            {
                output.WriteLine($"lateness of {label} ({values.Count}): min {values.Min().TotalSeconds:F2} s, " +
                                 $"max {values.Max().TotalSeconds:F2} s (bound {LatenessBound.TotalSeconds:F0} s)");
            }
        }

        output.WriteLine($"whole test {total.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(ids.Count, rows.Count);
        Assert.All(rows, s =>
        {
            Assert.True(s.State == SessionState.Expired, $"Session {s.Id} is {s.State} at {observedAt:O}; its deadline was {deadlines[s.Id]:O}.");
            Assert.Equal(EndReason.NotStarted, s.EndReason);
            Assert.Equal(2, s.ChangeSequence);
            Assert.True(lateness[s.Id] <= LatenessBound,
                $"Session {s.Id} (on the killed silo: {onVictim.Contains(s.Id)}) expired {lateness[s.Id].TotalSeconds:F1} s after its deadline.");
            Assert.True(lateness[s.Id] >= TimeSpan.Zero, $"Session {s.Id} expired {-lateness[s.Id].TotalSeconds:F1} s before its deadline.");
        });
    }

    /// <summary>Reminder rows' first tick times agree with a deadline to the reminder table's millisecond and a little clock work.</summary>
    private static bool Near(DateTimeOffset a, DateTimeOffset b) => (a - b).Duration() < TimeSpan.FromMilliseconds(500);

    /// <summary>The session deadline reminders of <paramref name="ids"/> as OrleansRemindersTable holds them.</summary>
    private static async Task<Dictionary<Guid, (DateTimeOffset Start, TimeSpan Period)>> RemindersAsync(TestDatabase database, IEnumerable<Guid> ids)
    {
        var byKey = ids.ToDictionary(id => id.ToString("N"));
        var rows = new Dictionary<Guid, (DateTimeOffset, TimeSpan)>();
        await using var command = database.DataSource.CreateCommand(
            "SELECT GrainId, StartTime, Period FROM OrleansRemindersTable WHERE ReminderName = 'session-deadline'");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var grainId = reader.GetString(0);
            var key = byKey.Keys.FirstOrDefault(k => grainId.Contains(k, StringComparison.OrdinalIgnoreCase));
            if (key is not null)
            {
                var start = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc);
                rows[byKey[key]] = (new DateTimeOffset(start), TimeSpan.FromMilliseconds(reader.GetInt64(2)));
            }
        }

        return rows;
    }
}
