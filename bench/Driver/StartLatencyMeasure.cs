using System.Diagnostics;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Start (scheduled -> live) through the grain client: first the maximum rate with many calls in flight,
/// then the p99 latency when starts arrive at half that rate.
/// </summary>
internal static class StartLatencyMeasure
{
    public static async Task<Dictionary<string, object>> RunAsync(int count, BenchMode mode)
    {
        await using var silo = await BenchSilo.StartAsync(mode, new() { ["Sessions:StartGrace"] = "1.00:00:00" });

        var saturate = await SessionFactory.CreateAsync(silo, count, _ => DateTimeOffset.UtcNow.AddHours(1));
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(saturate, new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (id, _) => await silo.Grains.GetGrain<ISessionGrain>(id).StartAsync(null));
        var maxPerSecond = count / clock.Elapsed.TotalSeconds;

        var paced = await SessionFactory.CreateAsync(silo, count, _ => DateTimeOffset.UtcNow.AddHours(1));

        // The garbage of setting up is collected before the clock starts, not in the middle of the paced run.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        await using var gc = new GcPauseWatch();
        var interval = TimeSpan.FromSeconds(1 / (maxPerSecond / 2));
        var latencies = new double[count];
        var calls = new Task[count];
        clock.Restart();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            calls[i] = Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                await silo.Grains.GetGrain<ISessionGrain>(paced[index]).StartAsync(null);
                latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            });
        }

        await Task.WhenAll(calls);
        var pauses = await gc.StopAsync();
        var sorted = latencies.Order().ToList();
        var result = new Dictionary<string, object>
        {
            ["mode"] = mode.Name,
            ["sessions"] = count,
            ["max_starts_per_second"] = Math.Round(maxPerSecond),
            ["paced_starts_per_second"] = Math.Round(maxPerSecond / 2),
            ["latency_ms_p50"] = Math.Round(Stats.Percentile(sorted, 50), 2),
            ["latency_ms_p99"] = Math.Round(Stats.Percentile(sorted, 99), 2),
            ["latency_ms_max"] = Math.Round(sorted[^1], 2),
        };
        foreach (var (key, value) in pauses)
        {
            result[key] = value;
        }

        return result;
    }
}
