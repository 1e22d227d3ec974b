using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(HealthCheckCollection.Name)]
public sealed class SessionHealthCheckTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task LiveSessionWhoseHostStaysSilentEndsAsHostDepartedWithinTheDepartureTimeoutPlusTwoChecks()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains);
        var bound = ClusterFixture.HostDepartureTimeout + 2 * ClusterFixture.HealthCheckInterval;

        var ended = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Live,
            bound + TimeSpan.FromSeconds(3), "the silent host's session to end");

        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(EndReason.HostDeparted, ended.EndReason);
        Assert.Equal(HealthStatus.HostDeparted, ended.Meta.HealthCheck.Status);
        Assert.Equal(WorkerState.Stopped, ended.Meta.WorkerState);
        var endedAfter = ended.EndedAt!.Value - live.StartedAt!.Value;
        Assert.InRange(endedAfter, ClusterFixture.HostDepartureTimeout, bound);
    }

    [Fact]
    public async Task LiveSessionWhoseHostSendsHeartbeatsStaysLiveAndHealthy()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains);
        var heartbeatsUntil = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2);

        while (DateTimeOffset.UtcNow < heartbeatsUntil)
        {
            var health = await grain.HeartbeatAsync();
            Assert.Equal(HealthStatus.Healthy, health.Status);
            await Task.Delay(ClusterFixture.HealthCheckInterval);
        }

        var session = await grain.GetAsync();
        Assert.Equal(SessionState.Live, session.State);
        Assert.Equal(HealthStatus.Healthy, session.Meta.HealthCheck.Status);
        Assert.Null(session.EndReason);
    }

    [Fact]
    public async Task HostMediaChangeCountsAsAHostSignal()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains);
        var signalsUntil = DateTimeOffset.UtcNow + ClusterFixture.HostDepartureTimeout * 2;
        var enabled = true;

        while (DateTimeOffset.UtcNow < signalsUntil)
        {
            await grain.ChangeHostMediaAsync(new MediaStateChange(MediaKind.Audio, enabled, null, null));
            enabled = !enabled;
            await Task.Delay(ClusterFixture.HealthCheckInterval);
        }

        var session = await grain.GetAsync();
        Assert.Equal(SessionState.Live, session.State);
        Assert.Single(session.Sources);
    }

    [Fact]
    public async Task SilentHostIsReportedAsSilentBeforeTheSessionEnds()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains);

        var silent = await Eventually.Of(grain.GetAsync, s => s.Meta.HealthCheck.Status != HealthStatus.Healthy,
            ClusterFixture.HostDepartureTimeout + TimeSpan.FromSeconds(3), "the health check to notice the silence");

        Assert.Equal(SessionState.Live, silent.State);
        Assert.Equal(HealthStatus.HostSilent, silent.Meta.HealthCheck.Status);
    }

    [Fact]
    public async Task HeartbeatAfterASilenceMakesTheSessionHealthyAgain()
    {
        var (grain, _) = await TestSessions.CreateLiveAsync(Grains);
        await Eventually.Of(grain.GetAsync, s => s.Meta.HealthCheck.Status == HealthStatus.HostSilent,
            ClusterFixture.HostDepartureTimeout, "the host to be reported silent");

        var health = await grain.HeartbeatAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(SessionState.Live, (await grain.GetAsync()).State);
    }

    [Fact]
    public async Task DeactivatedLiveSessionIsWokenByItsReminderAndStillEndsWhenItsHostIsGone()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains);

        // Stands in for the loss of the silo: the health-check timer goes with the activation.
        await fixture.Cluster.DeactivateAsync(grain);

        // Poll the catalog, not the grain: a grain call would re-activate it and hide a missing reminder.
        var ended = await Eventually.Of(
            async () => (await fixture.SessionCatalog.GetManyAsync([live.Id])).Single(),
            s => s.State != SessionState.Live,
            ClusterFixture.ReminderPeriod + ClusterFixture.HostDepartureTimeout + TimeSpan.FromSeconds(3),
            "the reminder to re-activate the session and its health check to end it");

        Assert.Equal(EndReason.HostDeparted, ended.EndReason);
    }
}

