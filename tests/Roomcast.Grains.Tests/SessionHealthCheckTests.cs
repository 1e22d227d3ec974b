using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

/// <summary>The health check of a live session, on the fake clock: silence is simulated by moving time, not by waiting.</summary>
[Collection(HealthCheckCollection.Name)]
public sealed class SessionHealthCheckTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(10);

    private IGrainFactory Grains => fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task LiveSessionWhoseHostStaysSilentEndsAsHostDepartedAtTheFirstCheckAfterTheDepartureTimeout()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + ClusterFixture.HostDepartureTimeout - ClusterFixture.HealthCheckInterval);
        Assert.Equal(SessionState.Live, (await grain.GetAsync()).State);

        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + ClusterFixture.HostDepartureTimeout, ClusterFixture.HealthCheckInterval);
        var ended = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Live, ActionWait, "the silent host's session to end");

        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(EndReason.HostDeparted, ended.EndReason);
        Assert.Equal(HealthStatus.HostDeparted, ended.Meta.HealthCheck.Status);
        Assert.Equal(WorkerState.Stopped, ended.Meta.WorkerState);
        Assert.Equal(live.StartedAt + ClusterFixture.HostDepartureTimeout, ended.EndedAt);
    }

    [Fact]
    public async Task LiveSessionWhoseHostSendsHeartbeatsStaysLiveAndHealthy()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        while (Now < live.StartedAt!.Value + 4 * ClusterFixture.HostDepartureTimeout)
        {
            var health = await grain.HeartbeatAsync();
            Assert.Equal(HealthStatus.Healthy, health.Status);
            await fixture.Clock.AdvanceToAsync(Now + ClusterFixture.HealthCheckInterval);
        }

        var session = await grain.GetAsync();
        Assert.Equal(SessionState.Live, session.State);
        Assert.Equal(HealthStatus.Healthy, session.Meta.HealthCheck.Status);
        Assert.Null(session.EndReason);
    }

    [Fact]
    public async Task HostMediaChangeCountsAsAHostSignal()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        var enabled = true;

        while (Now < live.StartedAt!.Value + 2 * ClusterFixture.HostDepartureTimeout)
        {
            await grain.ChangeHostMediaAsync(new MediaStateChange(MediaKind.Audio, enabled, null, null));
            enabled = !enabled;
            await fixture.Clock.AdvanceToAsync(Now + ClusterFixture.HealthCheckInterval);
        }

        var session = await grain.GetAsync();
        Assert.Equal(SessionState.Live, session.State);
        Assert.Single(session.Sources);
    }

    [Fact]
    public async Task SilentHostIsReportedAsSilentBeforeTheSessionEnds()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        // Silent means more than two check intervals without a signal, still short of the departure timeout.
        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + 3 * ClusterFixture.HealthCheckInterval, ClusterFixture.HealthCheckInterval);
        var silent = await Eventually.Of(grain.GetAsync, s => s.Meta.HealthCheck.Status != HealthStatus.Healthy, ActionWait,
            "the health check to notice the silence");

        Assert.Equal(SessionState.Live, silent.State);
        Assert.Equal(HealthStatus.HostSilent, silent.Meta.HealthCheck.Status);
    }

    [Fact]
    public async Task HeartbeatAfterASilenceMakesTheSessionHealthyAgain()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + 3 * ClusterFixture.HealthCheckInterval, ClusterFixture.HealthCheckInterval);
        await Eventually.Of(grain.GetAsync, s => s.Meta.HealthCheck.Status == HealthStatus.HostSilent, ActionWait,
            "the host to be reported silent");

        var health = await grain.HeartbeatAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(SessionState.Live, (await grain.GetAsync()).State);
    }

    [Fact]
    public async Task DeactivatedLiveSessionIsWokenByItsReminderAndStillEndsWhenItsHostIsGone()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        // Stands in for the loss of the silo: the health-check timer goes with the activation.
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Clock.AdvanceToAsync(live.StartedAt!.Value + ClusterFixture.ReminderPeriod + ClusterFixture.HostDepartureTimeout,
            ClusterFixture.HealthCheckInterval);

        // Poll the catalog, not the grain: a grain call would re-activate it and hide a missing reminder.
        var ended = await Eventually.Of(
            async () => (await fixture.SessionCatalog.GetManyAsync([live.Id])).Single(),
            s => s.State != SessionState.Live, ActionWait, "the reminder to re-activate the session and its health check to end it");

        Assert.Equal(EndReason.HostDeparted, ended.EndReason);
    }
}
