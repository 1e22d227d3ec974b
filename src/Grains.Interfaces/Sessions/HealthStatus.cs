namespace Roomcast.Sessions;

/// <summary>Result of the live-session health check, derived from the host's last signal.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum HealthStatus
{
    /// <summary>The session is not live, so nothing is checked.</summary>
    Idle = 0,

    /// <summary>The host signalled within two check intervals.</summary>
    Healthy = 1,

    /// <summary>The host has been silent for more than two check intervals but less than the departure timeout.</summary>
    HostSilent = 2,

    /// <summary>The host was silent past the departure timeout; the session was ended.</summary>
    HostDeparted = 3,
}
