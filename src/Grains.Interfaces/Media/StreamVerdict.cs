namespace Roomcast.Media;

/// <summary>How a session's stream is doing, for the host and the crew.</summary>
public enum StreamVerdict
{
    Healthy = 0,
    Degraded = 1,
    Down = 2,
}
