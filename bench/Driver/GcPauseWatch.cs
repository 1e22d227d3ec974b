namespace Roomcast.Bench.Driver;

/// <summary>
/// Watches the garbage collector while a measure runs: total pause time, and the longest pause of each kind of
/// collection seen (sampled every 20 ms, so two collections of one kind inside one sample count as the later); the
/// generation, reason and type of the longest collections (<see cref="GcEventLog"/>); gen2 and LOH sizes at both ends.
/// </summary>
internal sealed class GcPauseWatch : IAsyncDisposable
{
    private static readonly GCKind[] Kinds = [GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background];

    private readonly TimeSpan _pausedBefore = GC.GetTotalPauseDuration();
    private readonly Dictionary<GCKind, (long Index, double MaxMs)> _seen = Kinds.ToDictionary(k => k, k => (GC.GetGCMemoryInfo(k).Index, 0.0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly GcEventLog _events = new();
    private readonly (long Gen2, long Loh) _heapAtStart = OldGenerations();

    public GcPauseWatch()
    {
        _events.Start();
        _loop = Task.Run(WatchAsync);
    }

    public async Task<Dictionary<string, object>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        var heapAtEnd = OldGenerations();
        var result = new Dictionary<string, object>
        {
            ["gc_pause_total_ms"] = Math.Round((GC.GetTotalPauseDuration() - _pausedBefore).TotalMilliseconds),
            ["gc_max_pause_ms_ephemeral"] = Math.Round(_seen[GCKind.Ephemeral].MaxMs, 1),
            ["gc_max_pause_ms_full_blocking"] = Math.Round(_seen[GCKind.FullBlocking].MaxMs, 1),
            ["gc_max_pause_ms_background"] = Math.Round(_seen[GCKind.Background].MaxMs, 1),
            ["gc_mode"] = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation",
            ["gen2_mib_start"] = _heapAtStart.Gen2 >> 20,
            ["gen2_mib_end"] = heapAtEnd.Gen2 >> 20,
            ["loh_mib_start"] = _heapAtStart.Loh >> 20,
            ["loh_mib_end"] = heapAtEnd.Loh >> 20,
        };
        foreach (var (key, value) in _events.Stop())
        {
            result[key] = value;
        }

        return result;
    }

    /// <summary>Gen2 and LOH sizes after the last collection.</summary>
    private static (long Gen2, long Loh) OldGenerations()
    {
        var generations = GC.GetGCMemoryInfo().GenerationInfo;
        return (generations[2].SizeAfterBytes, generations[3].SizeAfterBytes);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
        _events.Dispose();
    }

    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Sample()
    {
        foreach (var kind in Kinds)
        {
            var info = GC.GetGCMemoryInfo(kind);
            var (index, max) = _seen[kind];
            if (info.Index != index)
            {
                var pause = info.PauseDurations.ToArray().Sum(d => d.TotalMilliseconds);
                _seen[kind] = (info.Index, Math.Max(max, pause));
            }
        }
    }
}
