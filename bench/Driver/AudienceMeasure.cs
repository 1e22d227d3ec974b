using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Grains;
using Roomcast.Grains.Audience;
using Roomcast.Hosting.Storage;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>
/// One live session's audience through <see cref="ISessionAudienceGrain"/>: every viewer joins (in four quarters,
/// timed apart, so that a join cost growing with the audience shows), then every viewer refreshes once. Run twice:
/// with dev mode's in-memory attendance log, and with a log that keeps nothing, so that the heap per viewer splits
/// into the grain's share (present set) and the attendance rows' share. The rates are the first run's: a second
/// silo in the same process measured ~30% slower whichever log it had.
/// </summary>
internal static class AudienceMeasure
{
    private const int Parallelism = 16;

    public static async Task<Dictionary<string, object>> RunAsync(int viewers)
    {
        var dev = await RunOnceAsync(viewers, keepRows: true);
        var grainOnly = await RunOnceAsync(viewers, keepRows: false);
        return new Dictionary<string, object>
        {
            ["viewers"] = viewers,
            ["joins_per_s"] = dev.JoinsPerSecond,
            ["refreshes_per_s"] = dev.RefreshesPerSecond,
            ["joins_per_s_by_quarter"] = dev.JoinsPerSecondByQuarter,
            // Process CPU per join: less moved than the rates by other load on a shared machine.
            ["cpu_us_per_join_by_quarter"] = dev.CpuMicrosecondsPerJoinByQuarter,
            ["bytes_per_viewer"] = dev.BytesPerViewer,
            ["bytes_per_viewer_without_rows"] = grainOnly.BytesPerViewer,
            ["bytes_per_attendance_row"] = Math.Round(dev.BytesPerViewer - grainOnly.BytesPerViewer, 1),
            ["bytes_per_viewer_growth_on_refresh"] = dev.RefreshGrowthPerViewer,
            ["state_writes_per_join"] = dev.StateWritesPerJoin,
            ["state_writes_per_refresh"] = dev.StateWritesPerRefresh,
            ["mode"] = "dev",
        };
    }

    private sealed record Run(double JoinsPerSecond, double[] JoinsPerSecondByQuarter, double[] CpuMicrosecondsPerJoinByQuarter, double RefreshesPerSecond,
        double BytesPerViewer, double RefreshGrowthPerViewer, double StateWritesPerJoin, double StateWritesPerRefresh);

    private static async Task<Run> RunOnceAsync(int viewers, bool keepRows)
    {
        var writes = new WriteCount();
        await using var silo = await BenchSilo.StartAsync(BenchMode.Dev, new() { ["Sessions:StartGrace"] = "1.00:00:00" },
            services =>
            {
                services.AddKeyedSingleton<IGrainStorage>(GrainStorage.Name, (provider, _) =>
                    new CountingGrainStorage(provider.GetRequiredService<ExpiringMemoryGrainStorage>(), writes));
                if (!keepRows)
                {
                    services.AddSingleton<IAttendanceLog, DiscardingAttendanceLog>();
                }
            });
        var sessionId = (await SessionFactory.CreateAsync(silo, 1, _ => DateTimeOffset.UtcNow.AddHours(1)))[0];
        await silo.Grains.GetGrain<ISessionGrain>(sessionId).StartAsync(null);
        var audience = silo.Grains.GetGrain<ISessionAudienceGrain>(sessionId);
        await WarmUpAsync(silo);
        var users = Enumerable.Range(0, viewers).Select(_ => Guid.NewGuid()).ToArray();
        var quarters = users.Chunk((viewers + 3) / 4).ToArray();
        var heap0 = Settle();
        var writesBefore = writes.Audience;

        var byQuarter = new double[quarters.Length];
        var cpuByQuarter = new double[quarters.Length];
        using var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        for (var q = 0; q < quarters.Length; q++)
        {
            var started = clock.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            await JoinAllAsync(audience, quarters[q], rejoin: false);
            byQuarter[q] = Math.Round(quarters[q].Length / (clock.Elapsed - started).TotalSeconds);
            process.Refresh();
            cpuByQuarter[q] = Math.Round((process.TotalProcessorTime - cpu).TotalMicroseconds / quarters[q].Length, 1);
        }

        var joinsPerSecond = viewers / clock.Elapsed.TotalSeconds;
        var heapJoined = Settle();
        var joinWrites = writes.Audience - writesBefore;

        clock.Restart();
        await JoinAllAsync(audience, users, rejoin: true);
        var refreshesPerSecond = viewers / clock.Elapsed.TotalSeconds;
        var heapRefreshed = Settle();
        var refreshWrites = writes.Audience - writesBefore - joinWrites;

        var stats = await audience.GetStatsAsync();
        if (stats.PresentViewers != viewers)
        {
            throw new InvalidOperationException($"{stats.PresentViewers} viewers present, expected {viewers}");
        }

        return new Run(Math.Round(joinsPerSecond), byQuarter, cpuByQuarter, Math.Round(refreshesPerSecond),
            Math.Round((heapJoined - heap0) / (double)viewers, 1), Math.Round((heapRefreshed - heapJoined) / (double)viewers, 1),
            joinWrites / (double)viewers, refreshWrites / (double)viewers);
    }

    private static Task JoinAllAsync(ISessionAudienceGrain audience, Guid[] users, bool rejoin) =>
        Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (user, _) =>
        {
            var admission = await audience.JoinAsync(new AudienceJoin(user, "Bench viewer", AttendeeRole.Viewer, SessionState.Live, null));
            if (admission.Rejoined != rejoin)
            {
                throw new InvalidOperationException($"{user}: rejoined={admission.Rejoined}, expected {rejoin}");
            }
        });

    /// <summary>The join path once in another session, so that its JIT and first-call costs fall outside the measure.</summary>
    private static async Task WarmUpAsync(BenchSilo silo)
    {
        var sessionId = (await SessionFactory.CreateAsync(silo, 1, _ => DateTimeOffset.UtcNow.AddHours(1)))[0];
        await silo.Grains.GetGrain<ISessionGrain>(sessionId).StartAsync(null);
        var audience = silo.Grains.GetGrain<ISessionAudienceGrain>(sessionId);
        var users = Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()).ToArray();
        await JoinAllAsync(audience, users, rejoin: false);
        await JoinAllAsync(audience, users, rejoin: true);
    }

    private static long Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed class WriteCount
    {
        public int Audience;
    }

    /// <summary>Counts the audience grain's state writes (its attendance rows are not grain state).</summary>
    private sealed class CountingGrainStorage(IGrainStorage inner, WriteCount count) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (grainState.State is SessionAudienceState)
            {
                Interlocked.Increment(ref count.Audience);
            }

            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }

    /// <summary>An attendance log that keeps nothing: the heap of a run with it is the grain's alone.</summary>
    private sealed class DiscardingAttendanceLog : IAttendanceLog
    {
        public Task OpenAsync(AttendanceVisit visit) => Task.CompletedTask;

        public Task CloseAsync(Guid sessionId, IReadOnlyCollection<AttendanceDeparture> departures) => Task.CompletedTask;

        public Task<IReadOnlyList<AttendanceRecord>> ListOpenAsync(Guid sessionId) => Task.FromResult<IReadOnlyList<AttendanceRecord>>([]);

        public Task<Page<AttendanceRecord>> ListAsync(Guid sessionId, PageRequest page) => throw new NotSupportedException();

        public IAsyncEnumerable<AttendanceRecord> ReadAllAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<AttendanceRecord>();

        public Task<AttendanceTotals> GetTotalsAsync(Guid sessionId) => Task.FromResult(new AttendanceTotals(0, 0));
    }
}
