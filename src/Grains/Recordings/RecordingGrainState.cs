using Roomcast.Recordings;

namespace Roomcast.Grains.Recordings;

/// <summary>What a recording grain stores: the recording (null before it is created).</summary>
[GenerateSerializer, Alias("Roomcast.RecordingGrainState")]
public sealed record RecordingGrainState
{
    [Id(0)] public RecordingSnapshot? Recording { get; init; }

    /// <summary>LiveKit's time of the last egress report applied: an older report arriving late changes nothing.</summary>
    [Id(1)] public DateTimeOffset? EgressReportedAt { get; init; }
}
