namespace Roomcast.Sessions;

/// <summary>
/// Lifecycle of a session: <c>scheduled -> live -> ended</c>, or <c>scheduled -> cancelled | expired</c>.
/// </summary>
/// <remarks>Persisted as its number (grain state, catalog): never renumber, only append.</remarks>
public enum SessionState
{
    Scheduled = 0,
    Live = 1,
    Ended = 2,
    Cancelled = 3,
    Expired = 4,
}
