using Orleans.Concurrency;
using Roomcast.Media;

namespace Roomcast.Recordings;

/// <summary>
/// One recording (key = recording id): <c>starting -> recording -> processing -> ready | failed</c>, moved by its
/// egress's reports (webhooks, or LiveKit asked by the grain's reminder when webhooks are late) and finished by
/// finding its file in recording storage. Mutations take the caller's expected change sequence (null = unconditional).
/// </summary>
[Alias("Roomcast.IRecordingGrain")]
public interface IRecordingGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Records the recording as starting, then asks LiveKit for its file egress. When LiveKit refuses or cannot be
    /// reached, nothing is left behind (503). Called by the session's recordings grain, which holds the session's slot.
    /// </summary>
    [Alias("Start")]
    Task<RecordingSnapshot> StartAsync(NewRecording recording);

    /// <summary>Not-found when it does not exist or was deleted.</summary>
    [Alias("Get"), ReadOnly]
    Task<RecordingSnapshot> GetAsync();

    /// <summary>Stops the egress; the recording is processing until its file is in storage.</summary>
    [Alias("Stop")]
    Task<RecordingSnapshot> StopAsync();

    [Alias("Update")]
    Task<RecordingSnapshot> UpdateAsync(RecordingPatch patch, long? expectedChangeSequence);

    /// <summary>Deletes the file and then the recording; 409 while it is being made.</summary>
    [Alias("Delete")]
    Task DeleteAsync(long? expectedChangeSequence);

    [Alias("ApplyEgress")]
    Task<RecordingSnapshot> ApplyEgressAsync(EgressReport report);

    /// <summary>Looks for the file of a failed recording again (an admin's retry); 409 unless it failed.</summary>
    [Alias("Retry")]
    Task<RecordingSnapshot> RetryAsync();
}
