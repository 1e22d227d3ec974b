using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(DeadlineCollection.Name)]
public sealed class SessionDeadlineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(1);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task UnstartedSessionExpiresAsNotStartedWithinASecondOfItsStartGrace()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(DateTimeOffset.UtcNow.AddMilliseconds(500)));
        var deadline = created.Meta.Expires!.Value;

        var expired = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled,
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "the unstarted session to expire");

        Assert.Equal(SessionState.Expired, expired.State);
        Assert.Equal(EndReason.NotStarted, expired.EndReason);
        Assert.Null(expired.Meta.Expires);
        Assert.InRange(expired.EndedAt!.Value - deadline, TimeSpan.Zero, AllowedLateness);
    }

    [Fact]
    public async Task DeadlineBeyondTheTimerHorizonStillFiresWithinASecond()
    {
        // The fixture's horizon is ReminderLead + ReminderPeriod = 1 s: this session starts with no deadline timer; its reminder arms one.
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(DateTimeOffset.UtcNow.AddSeconds(3.5)));
        var deadline = created.Meta.Expires!.Value;

        var expired = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled,
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "the far session to expire");

        Assert.Equal(SessionState.Expired, expired.State);
        Assert.InRange(expired.EndedAt!.Value - deadline, TimeSpan.Zero, AllowedLateness);
    }

    [Fact]
    public async Task LiveSessionEndsAsMaxDurationWithinASecondOfStartPlusMaxDuration()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, maxDurationSeconds: 2);
        var deadline = live.StartedAt!.Value + TimeSpan.FromSeconds(2);
        Assert.Equal(deadline, live.Meta.Expires);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var host = TestSessions.KeepHostPresentAsync(grain, ClusterFixture.HealthCheckInterval, stop.Token);

        var ended = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Live,
            TimeSpan.FromSeconds(7), "the session to reach its maximum duration");
        await stop.CancelAsync();
        await host;

        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(EndReason.MaxDuration, ended.EndReason);
        Assert.Equal(2, ended.DurationSeconds);
        Assert.InRange(ended.EndedAt!.Value - deadline, TimeSpan.Zero, AllowedLateness);
    }

    [Fact]
    public async Task DeactivatedSessionPastItsDeadlineReadsAsExpired()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(DateTimeOffset.UtcNow));
        var deadline = created.Meta.Expires!.Value;

        // Nothing in memory survives this: the deadline timer goes with the activation.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.False(fixture.Cluster.TryGetGrainContext(grain.GetGrainId(), out _));
        var untilPastDeadline = deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (untilPastDeadline > TimeSpan.Zero)
        {
            await Task.Delay(untilPastDeadline);
        }

        var session = await grain.GetAsync();

        Assert.Equal(SessionState.Expired, session.State);
        Assert.Equal(EndReason.NotStarted, session.EndReason);
        Assert.InRange(session.EndedAt!.Value - deadline, TimeSpan.Zero, AllowedLateness);
    }

    [Fact]
    public async Task DeactivatedLiveSessionWhoseMaximumDurationPassedReadsAsEnded()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, maxDurationSeconds: 1);
        var deadline = live.Meta.Expires!.Value;

        await fixture.Cluster.DeactivateAsync(grain);
        var untilPastDeadline = deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (untilPastDeadline > TimeSpan.Zero)
        {
            await Task.Delay(untilPastDeadline);
        }

        var session = await grain.GetAsync();

        Assert.Equal(SessionState.Ended, session.State);
        Assert.Equal(EndReason.MaxDuration, session.EndReason);
    }

    [Fact]
    public async Task RescheduledSessionExpiresAtItsNewTimeNotItsOldOne()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture());

        var moved = await grain.RescheduleAsync(DateTimeOffset.UtcNow.AddMilliseconds(200), created.ChangeSequence);
        var deadline = moved.Meta.Expires!.Value;

        var expired = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled,
            deadline - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5), "the rescheduled session to expire");
        Assert.Equal(SessionState.Expired, expired.State);
        Assert.InRange(expired.EndedAt!.Value - deadline, TimeSpan.Zero, AllowedLateness);
    }

    [Fact]
    public async Task ExpiredSessionCanNoLongerBeStarted()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.Command(DateTimeOffset.UtcNow.AddSeconds(-1)));
        await Eventually.Of(grain.GetAsync, s => s.State == SessionState.Expired, TimeSpan.FromSeconds(3), "the session to expire");

        var error = await Assert.ThrowsAsync<Roomcast.Errors.RoomcastException>(() => grain.StartAsync(null));

        Assert.Equal("illegal_transition", error.Code);
        Assert.Equal("expired", Assert.Single(error.Details).Message);
    }
}

