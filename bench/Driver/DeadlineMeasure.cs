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
    public static async Task<Dictionary<string, object>> RunAsync(int count)
    {
        await using var silo = await BenchSilo.StartAsync(new() { ["Sessions:StartGrace"] = "00:00:00" });
        var windowStart = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(10, count / 1500.0));
        var window = TimeSpan.FromMinutes(1);
        var ids = await SessionFactory.CreateAsync(silo, count, i => windowStart + window * ((double)i / count));

        await using var gc = new GcPauseWatch();
        var waitUntil = windowStart + window + TimeSpan.FromSeconds(5);
        var remaining = waitUntil - DateTimeOffset.UtcNow;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining);
        }

        var pauses = await gc.StopAsync();
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
            ["sessions"] = count,
            ["fired"] = expired.Count,
            ["fired_twice"] = expired.Count(s => s.ChangeSequence > 2),
            ["not_fired"] = count - expired.Count,
            ["lateness_ms_p50"] = Math.Round(Stats.Percentile(lateness, 50), 1),
            ["lateness_ms_p99"] = Math.Round(Stats.Percentile(lateness, 99), 1),
            ["lateness_ms_max"] = Math.Round(lateness.Count > 0 ? lateness[^1] : double.NaN, 1),
            ["late_over_100ms"] = lateness.Count(ms => ms > 100),
        };
        foreach (var (key, value) in pauses)
        {
            result[key] = value;
        }

        return result;
    }
}
