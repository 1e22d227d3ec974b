namespace Roomcast.Media;

/// <summary>Where a LiveKit egress is, as its reports say (LiveKit's <c>EgressStatus</c>).</summary>
/// <remarks>Persisted as its number: never renumber, only append.</remarks>
public enum EgressPhase
{
    Starting = 0,
    Active = 1,
    Ending = 2,
    Complete = 3,
    Failed = 4,
    Aborted = 5,
    LimitReached = 6,
}
