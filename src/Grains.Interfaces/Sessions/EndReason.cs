namespace Roomcast.Sessions;

/// <summary>Why a session stopped being live, or never went live.</summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum EndReason
{
    HostEnded = 0,
    HostDeparted = 1,
    MaxDuration = 2,
    Cancelled = 3,
    NotStarted = 4,
}
