namespace Roomcast.Media;

public static class EgressPhaseExtensions
{
    /// <summary>The egress is over, for good or ill: no later report moves it again.</summary>
    public static bool IsOver(this EgressPhase phase) =>
        phase is EgressPhase.Complete or EgressPhase.Failed or EgressPhase.Aborted or EgressPhase.LimitReached;
}
