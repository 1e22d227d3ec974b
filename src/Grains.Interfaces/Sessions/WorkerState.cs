namespace Roomcast.Sessions;

/// <summary>What the session's media worker is doing (seed 000's <c>meta.workerState</c>).</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum WorkerState
{
    Idle = 0,
    Working = 1,
    Stopped = 2,
}
