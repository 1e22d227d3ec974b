using System.Diagnostics.Metrics;
using Roomcast.Sessions;

namespace Roomcast.Grains.Telemetry;

/// <summary>
/// Roomcast's own instruments (meter <see cref="MeterName"/>), recorded by the grains. Only what is measured today:
/// joins, chat messages and webhook deliveries get theirs with the features that produce them.
/// </summary>
public sealed class RoomcastMetrics
{
    public const string MeterName = "Roomcast";

    private readonly Counter<long> _sessionTransitions;
    private readonly Histogram<double> _deadlineLateness;
    private readonly Counter<long> _healthCheckEndings;

    public RoomcastMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sessionTransitions = meter.CreateCounter<long>("roomcast.session.transitions", "{transition}",
            "Session state changes, tagged with the state left (from) and the state entered (to).");
        // Explicit buckets: a deadline a timer applies is a few ms late, one a reminder applies after a silo loss seconds.
        _deadlineLateness = meter.CreateHistogram<double>("roomcast.session.deadline.lateness", "ms",
            "How long after it fell due a session deadline was applied; one measurement per deadline fired, tagged with the state it ended.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [5, 25, 100, 250, 1_000, 5_000, 15_000, 60_000, 300_000] });
        _healthCheckEndings = meter.CreateCounter<long>("roomcast.session.health_check.endings", "{session}",
            "Live sessions the health check ended because their host went silent (end reason host_departed).");
    }

    /// <summary>A session moved from one state to another (written to storage).</summary>
    public void SessionTransitioned(SessionState from, SessionState to) =>
        _sessionTransitions.Add(1, new KeyValuePair<string, object?>("from", Name(from)), new KeyValuePair<string, object?>("to", Name(to)));

    /// <summary>A deadline of a session in <paramref name="state"/> was applied <paramref name="lateness"/> after it fell due.</summary>
    public void DeadlineFired(SessionState state, TimeSpan lateness) =>
        _deadlineLateness.Record(Math.Max(0, lateness.TotalMilliseconds), new KeyValuePair<string, object?>("state", Name(state)));

    /// <summary>The health check ended a live session.</summary>
    public void HealthCheckEnded() => _healthCheckEndings.Add(1);

    private static string Name(SessionState state) => state switch
    {
        SessionState.Scheduled => "scheduled",
        SessionState.Live => "live",
        SessionState.Ended => "ended",
        SessionState.Cancelled => "cancelled",
        SessionState.Expired => "expired",
        _ => "unknown",
    };
}
