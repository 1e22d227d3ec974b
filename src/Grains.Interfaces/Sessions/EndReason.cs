namespace Roomcast.Sessions;

/// <summary>Why a session stopped being live, or never went live.</summary>
public enum EndReason
{
    HostEnded,
    HostDeparted,
    MaxDuration,
    Cancelled,
    NotStarted,
}
