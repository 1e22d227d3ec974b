namespace Roomcast.Sessions;

/// <summary>What the session's media worker is doing (seed 000's <c>meta.workerState</c>).</summary>
public enum WorkerState
{
    Idle,
    Working,
    Stopped,
}
