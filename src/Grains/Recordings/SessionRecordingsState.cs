namespace Roomcast.Grains.Recordings;

/// <summary>What a session's recordings grain stores: the recording holding the slot, and every recording's egress.</summary>
[GenerateSerializer, Alias("Roomcast.SessionRecordingsState")]
public sealed record SessionRecordingsState
{
    /// <summary>The recording that last took the slot; the slot is free again once that recording is no longer active.</summary>
    [Id(0)] public Guid? SlotHolder { get; init; }

    [Id(1)] public IReadOnlyList<SessionRecordingEntry> Recordings { get; init; } = [];
}
