using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

/// <summary>
/// Deadlines on the fake clock: the test moves time to the deadline and the session acts at that very instant, by
/// its grain timer when the deadline is near and by its reminder (which wakes it and arms the timer) when it is far.
/// </summary>
[Collection(DeadlineCollection.Name)]
public sealed class SessionDeadlineTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(10);

    private IGrainFactory Grains => fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    [Fact]
    public async Task UnstartedSessionExpiresAsNotStartedAtItsStartGrace()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(Now.AddMinutes(1)));
        var deadline = created.Meta.Expires!.Value;
        Assert.Equal(created.ScheduledAt + ClusterFixture.StartGrace, deadline);

        await AdvanceToAsync(deadline - TimeSpan.FromSeconds(1));
        Assert.Equal(SessionState.Scheduled, (await grain.GetAsync()).State);

        await AdvanceToAsync(deadline);
        var expired = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled, ActionWait, "the unstarted session to expire");

        Assert.Equal(SessionState.Expired, expired.State);
        Assert.Equal(EndReason.NotStarted, expired.EndReason);
        Assert.Null(expired.Meta.Expires);
        Assert.Equal(deadline, expired.EndedAt);
    }

    [Fact]
    public async Task LiveSessionEndsAsMaxDurationAtStartPlusMaxDuration()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock, maxDurationSeconds: 600);
        var deadline = live.StartedAt!.Value + TimeSpan.FromSeconds(600);
        Assert.Equal(deadline, live.Meta.Expires);

        // The host stays present: heartbeats between steps of the clock.
        while (Now < deadline)
        {
            await grain.HeartbeatAsync();
            await AdvanceToAsync(Min(Now + ClusterFixture.HealthCheckInterval, deadline));
        }

        var ended = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Live, ActionWait, "the session to reach its maximum duration");

        Assert.Equal(EndReason.MaxDuration, ended.EndReason);
        Assert.Equal(600, ended.DurationSeconds);
        Assert.Equal(deadline, ended.EndedAt);
    }

    [Fact]
    public async Task DeactivatedSessionPastItsDeadlineReadsAsExpired()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(Now));
        var deadline = created.Meta.Expires!.Value;

        // Nothing in memory survives this: the deadline timer goes with the activation.
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.False(fixture.IsActive(grain));
        await AdvanceToAsync(deadline + TimeSpan.FromSeconds(2));

        var session = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled, ActionWait, "the session to expire");

        Assert.Equal(SessionState.Expired, session.State);
        Assert.Equal(EndReason.NotStarted, session.EndReason);
        Assert.InRange(session.EndedAt!.Value, deadline, deadline + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task DeactivatedSessionIsWokenByItsReminderAndExpiresOnTime()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(Now));
        var deadline = created.Meta.Expires!.Value;
        await fixture.Cluster.DeactivateAsync(grain);

        // The reminder wakes the grain ReminderLead before the deadline; the grain's timer then acts at the deadline.
        await AdvanceToAsync(deadline - ClusterFixture.ReminderLead);
        await Eventually.Of(() => Task.FromResult(fixture.IsActive(grain)), active => active, ActionWait, "the reminder to wake the session");
        await AdvanceToAsync(deadline);

        // Read the catalog, not the grain: a grain call would activate it and hide a missing reminder.
        var expired = await Eventually.Of(async () => (await fixture.SessionCatalog.GetManyAsync([created.Id])).Single(),
            s => s.State != SessionState.Scheduled, ActionWait, "the woken session to expire");
        Assert.Equal(deadline, expired.EndedAt);
    }

    [Fact]
    public async Task WokenSessionMovesItsReminderOntoTheDeadline()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(Now));
        var deadline = created.Meta.Expires!.Value;
        await fixture.Cluster.DeactivateAsync(grain);

        await AdvanceToAsync(deadline - ClusterFixture.ReminderLead);
        await Eventually.Of(ReminderStartAsync, start => start == deadline.UtcDateTime, ActionWait,
            "the early tick to move the reminder onto the deadline");

        // Stands in for the loss of the silo after the early tick: the timer is gone, the reminder alone acts, on time.
        await fixture.Cluster.DeactivateAsync(grain);
        await AdvanceToAsync(deadline);
        var expired = await Eventually.Of(async () => (await fixture.SessionCatalog.GetManyAsync([created.Id])).Single(),
            s => s.State != SessionState.Scheduled, ActionWait, "the reminder to expire the session at its deadline");
        Assert.Equal(deadline, expired.EndedAt);

        // The failover alarm the lost activation set fires once, finds nothing due, and leaves no reminder behind.
        await AdvanceToAsync(deadline + Sessions.SessionGrain.FailoverDelay);
        await Eventually.Of(async () => (await fixture.ReminderTable.ReadRows(grain.GetGrainId())).Reminders.Count,
            count => count == 0, ActionWait, "the expired session's reminders to be gone");

        async Task<DateTime?> ReminderStartAsync()
        {
            var row = (await fixture.ReminderTable.ReadRows(grain.GetGrainId())).Reminders
                .SingleOrDefault(r => r.ReminderName == "session-deadline");
            return row?.StartAt;
        }
    }

    [Fact]
    public async Task DeactivatedLiveSessionWhoseMaximumDurationPassedReadsAsEnded()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock, maxDurationSeconds: 20);
        var deadline = live.Meta.Expires!.Value;

        await fixture.Cluster.DeactivateAsync(grain);
        await AdvanceToAsync(deadline + TimeSpan.FromSeconds(1));

        var session = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Live, ActionWait, "the session to end");

        Assert.Equal(SessionState.Ended, session.State);
        Assert.Equal(EndReason.MaxDuration, session.EndReason);
    }

    [Fact]
    public async Task RescheduledSessionExpiresAtItsNewTimeNotItsOldOne()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        var oldDeadline = created.Meta.Expires!.Value;

        var moved = await grain.RescheduleAsync(Now.AddMinutes(5), created.ChangeSequence);
        var deadline = moved.Meta.Expires!.Value;
        Assert.True(deadline < oldDeadline);

        await AdvanceToAsync(deadline);
        var expired = await Eventually.Of(grain.GetAsync, s => s.State != SessionState.Scheduled, ActionWait, "the rescheduled session to expire");
        Assert.Equal(SessionState.Expired, expired.State);
        Assert.Equal(deadline, expired.EndedAt);
    }

    [Fact]
    public async Task ExpiredSessionCanNoLongerBeStarted()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.Command(Now));
        await AdvanceToAsync(created.Meta.Expires!.Value);
        await Eventually.Of(grain.GetAsync, s => s.State == SessionState.Expired, ActionWait, "the session to expire");

        var error = await Assert.ThrowsAsync<Roomcast.Errors.RoomcastException>(() => grain.StartAsync(null));

        Assert.Equal("illegal_transition", error.Code);
        Assert.Equal("expired", Assert.Single(error.Details).Message);
    }

    private Task AdvanceToAsync(DateTimeOffset instant) => fixture.Clock.AdvanceToAsync(instant);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
