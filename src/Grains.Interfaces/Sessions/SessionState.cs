namespace Roomcast.Sessions;

/// <summary>
/// Lifecycle of a session: <c>scheduled -> live -> ended</c>, or <c>scheduled -> cancelled | expired</c>.
/// </summary>
public enum SessionState
{
    Scheduled,
    Live,
    Ended,
    Cancelled,
    Expired,
}
