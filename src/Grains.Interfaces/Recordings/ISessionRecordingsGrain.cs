using Orleans.Concurrency;
using Roomcast.Media;

namespace Roomcast.Recordings;

/// <summary>
/// The recordings of one session (key = session id): at most one is being made at a time (the slot), at most
/// <see cref="MaxPerSession"/> are made in all, and the egress ids LiveKit reports are mapped to them.
/// </summary>
[Alias("Roomcast.ISessionRecordingsGrain")]
public interface ISessionRecordingsGrain : IGrainWithGuidKey
{
    public const int MaxPerSession = 100;

    /// <summary>
    /// Starts recording a live session: 409 <c>recording_disabled</c> when its settings say no, <c>recording_in_progress</c>
    /// while one is being made, <c>recording_limit_reached</c> after <see cref="MaxPerSession"/>.
    /// </summary>
    [Alias("Start")]
    Task<RecordingSnapshot> StartAsync(RecordingStart start);

    /// <summary>Stops the recording being made; 409 <c>no_active_recording</c> when there is none.</summary>
    [Alias("Stop")]
    Task<RecordingSnapshot> StopAsync();

    /// <summary>The recording being made (starting or recording), or null.</summary>
    [Alias("GetActive")]
    Task<RecordingSnapshot?> GetActiveAsync();

    /// <summary>Passes a report to the recording of that egress; false when no recording of this session has it.</summary>
    [Alias("ApplyEgress")]
    Task<bool> ApplyEgressAsync(EgressReport report);

    /// <summary>The session ended: the recording being made is stopped. Sent without waiting; the recording's reminder is the backstop.</summary>
    [Alias("SessionEnded"), OneWay]
    Task SessionEndedAsync();
}
