namespace Roomcast.Recordings;

/// <summary>
/// Lifecycle of a recording: <c>starting -> recording -> processing -> ready</c>, or <c>failed</c> from any of the
/// first three (and back to <c>processing</c> when an admin retries it).
/// </summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum RecordingStatus
{
    Starting = 0,
    Recording = 1,
    Processing = 2,
    Ready = 3,
    Failed = 4,
}
