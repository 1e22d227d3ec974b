using Roomcast.Catalog;
using Roomcast.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Roomcast.Bench.Driver;

/// <summary>
/// N unstarted sessions whose expiry deadlines fall within one minute: how many expired, how many were
/// applied twice (change sequence past 2), and how late, from the times the grains recorded.
/// </summary>
internal static class DeadlineMeasure
{
    public static async Task<Dictionary<string, object>> RunAsync(int count, BenchMode mode)
    {
        await using var silo = await BenchSilo.StartAsync(mode, new() { ["Sessions:StartGrace"] = "00:00:00" });
        // The window opens once every session is made, at a pessimistic creation rate of the mode on a quiet 2-core box
        // (BENCH_SETUP_RATE for a slower one: a negative setup_seconds_to_spare means the set-up ran into the window).
        var creationsPerSecond = double.TryParse(Environment.GetEnvironmentVariable("BENCH_SETUP_RATE"), out var rate) ? rate
            : mode.IsPostgres ? 300.0 : 1500.0;
        var windowStart = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(10, count / creationsPerSecond));
        var window = TimeSpan.FromMinutes(1);
        var ids = await SessionFactory.CreateAsync(silo, count, i => windowStart + window * ((double)i / count));
        var setUpLeftSeconds = (windowStart - DateTimeOffset.UtcNow).TotalSeconds;

        // Making 100,000 sessions in a minute or two leaves all their young objects to be promoted and compacted by
        // the collections that follow, inside the window; production does not create sessions at that rate just
        // before they fall due. The set-up's garbage is collected here, before the window opens.
        var settle = Environment.GetEnvironmentVariable("BENCH_NO_SETTLE") != "1";
        if (settle)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var management = silo.Grains.GetGrain<IManagementGrain>(0);
        var activationsBefore = await ActivationsByTypeAsync(management);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        await using var gc = new GcPauseWatch();
        var waitUntil = windowStart + window + TimeSpan.FromSeconds(5);
        var remaining = waitUntil - DateTimeOffset.UtcNow;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var pauses = await gc.StopAsync();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var activationsAfter = await ActivationsByTypeAsync(management);
        var catalog = silo.Services.GetRequiredService<ISessionCatalog>();
        var sessions = new List<SessionSnapshot>(count);
        foreach (var chunk in ids.Chunk(1000))
        {
            sessions.AddRange(await catalog.GetManyAsync(chunk));
        }

        var expired = sessions.Where(s => s.State == SessionState.Expired).ToList();
        var lateness = expired.Select(s => (s.EndedAt!.Value - s.ScheduledAt).TotalMilliseconds).Order().ToList();
        var result = new Dictionary<string, object>
        {
            ["mode"] = mode.Name,
            ["sessions"] = count,
            ["fired"] = expired.Count,
            ["fired_twice"] = expired.Count(s => s.ChangeSequence > 2),
            ["not_fired"] = count - expired.Count,
            ["lateness_ms_p50"] = Math.Round(Stats.Percentile(lateness, 50), 1),
            ["lateness_ms_p99"] = Math.Round(Stats.Percentile(lateness, 99), 1),
            ["lateness_ms_max"] = Math.Round(lateness.Count > 0 ? lateness[^1] : double.NaN, 1),
            ["late_over_100ms"] = lateness.Count(ms => ms > 100),
            ["setup_seconds_to_spare"] = Math.Round(setUpLeftSeconds, 1),
            ["settled_before_window"] = settle,
            ["allocated_bytes_per_deadline"] = Math.Round(allocated / (double)Math.Max(1, count)),
            // Activations the window added (each one heap that outlives it): where gen2 growth in the window comes from.
            ["activations_added_in_window"] = activationsAfter
                .Select(a => (Type: a.Key, Added: a.Value - activationsBefore.GetValueOrDefault(a.Key)))
                .Where(a => a.Added != 0).OrderByDescending(a => a.Added).Take(5)
                .Select(a => $"{a.Type}: {a.Added:+#;-#}").ToArray(),
        };
        foreach (var (key, value) in pauses)
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>Activations by grain type; empty when a silo still busy with a late window cannot answer in time.</summary>
    private static async Task<Dictionary<string, int>> ActivationsByTypeAsync(IManagementGrain management)
    {
        try
        {
            return (await management.GetSimpleGrainStatistics())
                .GroupBy(s => s.GrainType.Split(',')[0].Split('.')[^1])
                .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
        }
        catch (TimeoutException)
        {
            return [];
        }
    }
}
