using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

/// <summary>The Roomcast meter records what the session grain does (listened to on this collection's silo only).</summary>
[Collection(LifecycleCollection.Name)]
public sealed class SessionMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task StartingAndEndingASessionRecordsBothTransitionsWithTheirStates()
    {
        using var metrics = new MetricsRecorder(fixture.SiloServices);
        var (grain, live) = await TestSessions.CreateLiveAsync(fixture.Client, fixture.Clock);

        await grain.EndAsync(live.ChangeSequence);

        var transitions = metrics.Of("roomcast.session.transitions").Select(m => (From: m.Tags["from"], To: m.Tags["to"], m.Value)).ToList();
        Assert.Contains(("scheduled", "live", 1.0), transitions);
        Assert.Contains(("live", "ended", 1.0), transitions);
    }
}

/// <summary>A deadline that fires is measured with its lateness, tagged with the state it ended.</summary>
[Collection(DeadlineCollection.Name)]
public sealed class DeadlineMetricsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AnExpiredSessionRecordsItsDeadlineWithItsLateness()
    {
        using var metrics = new MetricsRecorder(fixture.SiloServices);
        var (grain, created) = await TestSessions.CreateAsync(fixture.Client, TestSessions.Command(fixture.Clock.GetUtcNow().AddMinutes(1)));

        await fixture.Clock.AdvanceToAsync(created.Meta.Expires!.Value);
        await Eventually.Of(grain.GetAsync, s => s.State == SessionState.Expired, TimeSpan.FromSeconds(10), "the session to expire");
        var deadline = await Eventually.Of(() => Task.FromResult(metrics.Of("roomcast.session.deadline.lateness").ToList()),
            m => m.Count > 0, TimeSpan.FromSeconds(10), "the deadline's measurement");

        // Other sessions of this collection may fall due on the same clock; this one's is among the measurements.
        Assert.Contains(deadline, m => Equals(m.Tags["state"], "scheduled") && m.Value is >= 0 and <= 10_000);
        Assert.Contains(metrics.Of("roomcast.session.transitions"), m => Equals(m.Tags["from"], "scheduled") && Equals(m.Tags["to"], "expired"));
    }
}
