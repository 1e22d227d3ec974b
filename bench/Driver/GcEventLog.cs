using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Roomcast.Bench.Driver;

/// <summary>
/// The runtime's own GC events while a measure runs: for every collection its generation, reason and type
/// (GCStart_V2), its pause (GCSuspendEEBegin to GCRestartEEEnd) and the generation sizes after it (GCHeapStats_V2).
/// Says why a long pause happened, which <see cref="GC.GetGCMemoryInfo()"/> does not.
/// </summary>
internal sealed class GcEventLog : EventListener
{
    private const int GcStart = 1;
    private const int RestartEeEnd = 3;
    private const int HeapStats = 4;
    private const int SuspendEeBegin = 9;
    private const int AllocationTick = 10;
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // GCStart_V2's Reason and Type, as the runtime numbers them (ClrEtwAll.man).
    private static readonly string[] Reasons =
    [
        "AllocSmall", "Induced", "LowMemory", "Empty", "AllocLarge", "OutOfSpaceSOH", "OutOfSpaceLOH", "InducedNotForced",
        "Internal", "InducedLowMemory", "InducedCompacting", "LowMemoryHost", "PMFullGC", "LowMemoryHostBlocking",
        "BGCTuning", "InducedAggressive",
    ];

    private static readonly string[] Types = ["NonConcurrent", "Background", "ForegroundDuringBackground"];

    private readonly ConcurrentQueue<Collection> _collections = new();
    private readonly Dictionary<string, (int Ticks, long LargestObject)> _largeAllocations = [];
    private readonly object _gate = new();
    private Collection? _current;
    private DateTime _suspendedAt;
    private bool _recording;

    public sealed class Collection
    {
        public required long Index { get; init; }
        public required int Generation { get; init; }
        public required string Reason { get; init; }
        public required string Type { get; init; }
        public double PauseMs { get; set; }
        public long Gen2BytesAfter { get; set; }
        public long LohBytesAfter { get; set; }
        public long PromotedBytes { get; set; }
    }

    public void Start()
    {
        lock (_gate)
        {
            _collections.Clear();
            _largeAllocations.Clear();
            _recording = true;
        }
    }

    /// <summary>Collections seen since <see cref="Start"/>: count per generation, the longest pauses with their causes.</summary>
    public Dictionary<string, object> Stop()
    {
        // The listener gets the runtime's events a little after they happen.
        Thread.Sleep(500);
        lock (_gate)
        {
            _recording = false;
        }

        var all = _collections.ToList();
        var result = new Dictionary<string, object>
        {
            ["gc_count_gen0"] = all.Count(c => c.Generation == 0),
            ["gc_count_gen1"] = all.Count(c => c.Generation == 1),
            ["gc_count_gen2_blocking"] = all.Count(c => c.Generation == 2 && c.Type != "Background"),
            ["gc_count_gen2_background"] = all.Count(c => c.Generation == 2 && c.Type == "Background"),
            ["gc_longest"] = all.OrderByDescending(c => c.PauseMs).Take(3).Select(c =>
                $"{c.PauseMs:0.0} ms gen{c.Generation} {c.Type} {c.Reason}, after: gen2 {c.Gen2BytesAfter >> 20} MiB, LOH {c.LohBytesAfter >> 20} MiB, promoted {c.PromotedBytes >> 20} MiB").ToArray(),
            // One allocation tick per ~100 KB allocated on the LOH: the types that allocate there, and their largest object.
            ["loh_allocation_ticks"] = _largeAllocations.OrderByDescending(a => a.Value.Ticks).Take(5)
                .Select(a => $"{a.Key}: {a.Value.Ticks} ticks, largest {a.Value.LargestObject >> 10} KiB").ToArray(),
        };
        return result;
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // Verbose adds the allocation ticks (~one per 100 KB allocated), which name the types allocated on the LOH.
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_gate)
        {
            if (!_recording)
            {
                return;
            }

            switch (e.EventId)
            {
                case SuspendEeBegin:
                    _suspendedAt = e.TimeStamp;
                    break;
                case GcStart when e.Payload is { Count: >= 4 } p:
                    _current = new Collection
                    {
                        Index = Convert.ToInt64(p[0], System.Globalization.CultureInfo.InvariantCulture),
                        Generation = Convert.ToInt32(p[1], System.Globalization.CultureInfo.InvariantCulture),
                        Reason = Name(Reasons, p[2]),
                        Type = Name(Types, p[3]),
                    };
                    _collections.Enqueue(_current);
                    break;
                case HeapStats when _current is not null && e.Payload is { Count: >= 8 } p:
                    // GenerationSize0, TotalPromotedSize0, GenerationSize1, TotalPromotedSize1, GenerationSize2, TotalPromotedSize2, GenerationSize3 (LOH), ...
                    _current.Gen2BytesAfter = Convert.ToInt64(p[4], System.Globalization.CultureInfo.InvariantCulture);
                    _current.LohBytesAfter = Convert.ToInt64(p[6], System.Globalization.CultureInfo.InvariantCulture);
                    _current.PromotedBytes = Convert.ToInt64(p[1], System.Globalization.CultureInfo.InvariantCulture)
                        + Convert.ToInt64(p[3], System.Globalization.CultureInfo.InvariantCulture)
                        + Convert.ToInt64(p[5], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case AllocationTick when e.Payload is { Count: >= 9 } p && Convert.ToInt32(p[1], System.Globalization.CultureInfo.InvariantCulture) == 1:
                    // AllocationAmount, AllocationKind (1: large), ClrInstanceID, AllocationAmount64, TypeID, TypeName, HeapIndex, Address, ObjectSize
                    var type = p[5] as string ?? "?";
                    var size = Convert.ToInt64(p[8], System.Globalization.CultureInfo.InvariantCulture);
                    var (ticks, largest) = _largeAllocations.GetValueOrDefault(type);
                    _largeAllocations[type] = (ticks + 1, Math.Max(largest, size));
                    break;
                case RestartEeEnd when _current is not null && _suspendedAt != default:
                    // A background collection suspends twice (start and end); its longest stop is what counts.
                    _current.PauseMs = Math.Max(_current.PauseMs, (e.TimeStamp - _suspendedAt).TotalMilliseconds);
                    _suspendedAt = default;
                    break;
            }
        }
    }

    private static string Name(string[] names, object? value)
    {
        var index = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return index >= 0 && index < names.Length ? names[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
