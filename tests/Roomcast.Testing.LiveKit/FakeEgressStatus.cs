namespace Roomcast.Testing.LiveKit;

/// <summary>LiveKit's <c>EgressStatus</c>, in the proto's order (the numbers are the wire values).</summary>
public enum FakeEgressStatus
{
    Starting = 0,
    Active = 1,
    Ending = 2,
    Complete = 3,
    Failed = 4,
    Aborted = 5,
    LimitReached = 6,
}
