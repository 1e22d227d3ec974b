using System.Diagnostics;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Cluster mode only: N sessions written to PostgreSQL by one silo, that silo stopped, a new silo started on the
/// same database; how long until every session has been read again through a grain call (each one re-activated
/// from storage), at a stated number of calls in flight.
/// </summary>
internal static class ReactivationMeasure
{
    public const int Concurrency = 64;

    public static async Task<Dictionary<string, object>> RunAsync(int count, BenchMode mode)
    {
        if (!mode.IsPostgres)
        {
            throw new ArgumentException("reactivation needs --mode postgres: in dev mode a stopped silo takes its sessions with it");
        }

        var settings = new Dictionary<string, string?> { ["Sessions:StartGrace"] = "1.00:00:00" };
        Guid[] ids;
        await using (var first = await BenchSilo.StartAsync(mode, settings))
        {
            ids = await SessionFactory.CreateAsync(first, count, _ => DateTimeOffset.UtcNow.AddHours(1));
        }

        var clock = Stopwatch.StartNew();
        await using var second = await BenchSilo.StartAsync(mode, settings, portOffset: 2);
        var siloStartSeconds = clock.Elapsed.TotalSeconds;

        await using var gc = new GcPauseWatch();
        var latencies = new double[count];
        var wrong = 0;
        clock.Restart();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            var session = await second.Grains.GetGrain<ISessionGrain>(ids[i]).GetAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (session.Id != ids[i] || session.State != SessionState.Scheduled)
            {
                Interlocked.Increment(ref wrong);
            }
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var pauses = await gc.StopAsync();

        var sorted = latencies.Order().ToList();
        var result = new Dictionary<string, object>
        {
            ["mode"] = mode.Name,
            ["sessions"] = count,
            ["concurrency"] = Concurrency,
            ["silo_start_seconds"] = Math.Round(siloStartSeconds, 2),
            ["reactivation_seconds"] = Math.Round(seconds, 2),
            ["reactivations_per_second"] = Math.Round(count / seconds),
            ["latency_ms_p50"] = Math.Round(Stats.Percentile(sorted, 50), 2),
            ["latency_ms_p99"] = Math.Round(Stats.Percentile(sorted, 99), 2),
            ["latency_ms_max"] = Math.Round(sorted[^1], 2),
            ["wrong_state"] = wrong,
        };
        foreach (var (key, value) in pauses)
        {
            result[key] = value;
        }

        return result;
    }
}
