using System.Diagnostics;
using Roomcast.Sessions;

namespace Roomcast.Bench.Driver;

/// <summary>
/// Managed heap and working set per idle session: once with the sessions active (state + activation +
/// catalog row) and once after their activations were collected (state + catalog row only); the
/// difference is what an activation costs beyond its state.
/// </summary>
internal static class MemoryMeasure
{
    public static async Task<Dictionary<string, object>> RunAsync(int count, BenchMode mode)
    {
        await using var silo = await BenchSilo.StartAsync(mode, new() { ["Sessions:StartGrace"] = "1.00:00:00" });
        await SessionFactory.CreateAsync(silo, 200, _ => DateTimeOffset.UtcNow.AddHours(1));
        var (heap0, ws0) = Settle();

        var ids = await SessionFactory.CreateAsync(silo, count, _ => DateTimeOffset.UtcNow.AddHours(1));
        var (heapActive, wsActive) = Settle();

        var management = silo.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var (heapIdle, wsIdle) = Settle();

        // Touch one to prove the sessions are still there after collection.
        _ = await silo.Grains.GetGrain<ISessionGrain>(ids[0]).GetAsync();

        double PerSession(long bytes) => Math.Round(bytes / (double)count, 1);
        return new Dictionary<string, object>
        {
            ["mode"] = mode.Name,
            ["sessions"] = count,
            ["heap_bytes_per_session_active"] = PerSession(heapActive - heap0),
            ["heap_bytes_per_session_state_only"] = PerSession(heapIdle - heap0),
            ["heap_bytes_per_activation_beyond_state"] = PerSession(heapActive - heapIdle),
            ["working_set_bytes_per_session_active"] = PerSession(wsActive - ws0),
            ["sessions_per_gib_heap_active"] = (long)(1L << 30) / Math.Max(1, (heapActive - heap0) / count),
        };
    }

    private static (long Heap, long WorkingSet) Settle()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
