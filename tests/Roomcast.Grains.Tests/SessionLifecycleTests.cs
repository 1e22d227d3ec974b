using Roomcast.Errors;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests;

[Collection(LifecycleCollection.Name)]
public sealed class SessionLifecycleTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task CreatedSessionIsScheduledAtChangeSequenceOneAndExpiresAfterTheStartGrace()
    {
        var scheduledAt = fixture.Clock.GetUtcNow().AddHours(1);

        var (_, session) = await TestSessions.CreateAsync(Grains, TestSessions.Command(scheduledAt));

        Assert.Equal(SessionState.Scheduled, session.State);
        Assert.Equal(1, session.ChangeSequence);
        Assert.Equal(scheduledAt + ClusterFixture.StartGrace, session.Meta.Expires);
        Assert.Null(session.StartedAt);
        Assert.Equal(WorkerState.Idle, session.Meta.WorkerState);
    }

    [Fact]
    public async Task StartedSessionIsLiveWorkingHealthyAndExpiresAtStartPlusMaxDuration()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), maxDurationSeconds: 600));
        var before = fixture.Clock.GetUtcNow();

        var live = await grain.StartAsync(1);

        Assert.Equal(SessionState.Live, live.State);
        Assert.Equal(2, live.ChangeSequence);
        Assert.NotNull(live.StartedAt);
        Assert.InRange(live.StartedAt.Value, before, fixture.Clock.GetUtcNow());
        Assert.Equal(live.StartedAt + TimeSpan.FromSeconds(600), live.Meta.Expires);
        Assert.Equal(WorkerState.Working, live.Meta.WorkerState);
        Assert.Equal(HealthStatus.Healthy, live.Meta.HealthCheck.Status);
    }

    [Fact]
    public async Task EndedSessionRecordsHostEndedAndItsDuration()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        var ended = await grain.EndAsync(live.ChangeSequence);

        Assert.Equal(SessionState.Ended, ended.State);
        Assert.Equal(EndReason.HostEnded, ended.EndReason);
        Assert.NotNull(ended.EndedAt);
        Assert.True(ended.EndedAt >= live.StartedAt);
        Assert.Equal((long)(ended.EndedAt!.Value - live.StartedAt!.Value).TotalSeconds, ended.DurationSeconds);
        Assert.Null(ended.Meta.Expires);
        Assert.Equal(WorkerState.Stopped, ended.Meta.WorkerState);
        Assert.Equal(ended, await grain.GetAsync());
    }

    [Fact]
    public async Task CancellingAScheduledSessionMakesItCancelled()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        var cancelled = await grain.CancelAsync(created.ChangeSequence);

        Assert.Equal(SessionState.Cancelled, cancelled.State);
        Assert.Equal(EndReason.Cancelled, cancelled.EndReason);
        Assert.Null(cancelled.Meta.Expires);
        Assert.Equal(SessionState.Cancelled, (await grain.GetAsync()).State);
    }

    public static TheoryData<string, string> IllegalMoves => new()
    {
        { "start", "ended" },
        { "end", "scheduled" },
        { "cancel", "live" },
        { "reschedule", "live" },
        { "delete", "live" },
        { "heartbeat", "scheduled" },
    };

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public async Task IllegalTransitionIsAConflictThatNamesTheCurrentState(string move, string currentState)
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        if (currentState is "live" or "ended")
        {
            await grain.StartAsync(null);
        }

        if (currentState == "ended")
        {
            await grain.EndAsync(null);
        }

        var before = await grain.GetAsync();
        Func<Task> act = move switch
        {
            "start" => () => grain.StartAsync(null),
            "end" => () => grain.EndAsync(null),
            "cancel" => () => grain.CancelAsync(null),
            "reschedule" => () => grain.RescheduleAsync(fixture.Clock.GetUtcNow().AddHours(2), null),
            "delete" => () => grain.DeleteAsync(null),
            "heartbeat" => () => grain.HeartbeatAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(move)),
        };

        var error = await Assert.ThrowsAsync<RoomcastException>(act);

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("illegal_transition", error.Code);
        var detail = Assert.Single(error.Details);
        Assert.Equal("state", detail.Field);
        Assert.Equal(currentState, detail.Message);
        var after = await grain.GetAsync();
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.ChangeSequence, after.ChangeSequence);
    }

    [Fact]
    public async Task WriteWithAStaleChangeSequenceIsAConflictAndChangesNothing()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        await grain.RenameAsync("Renamed once", created.ChangeSequence);

        var error = await Assert.ThrowsAsync<RoomcastException>(() => grain.RenameAsync("Renamed twice", created.ChangeSequence));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("stale_change_sequence", error.Code);
        var current = await grain.GetAsync();
        Assert.Equal("Renamed once", current.Name);
        Assert.Equal(2, current.ChangeSequence);
    }

    [Fact]
    public async Task RenameKeepsTheStateAndBumpsTheChangeSequence()
    {
        var (grain, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);

        var renamed = await grain.RenameAsync("New name", live.ChangeSequence);

        Assert.Equal("New name", renamed.Name);
        Assert.Equal(SessionState.Live, renamed.State);
        Assert.Equal(live.ChangeSequence + 1, renamed.ChangeSequence);
        Assert.Equal(live.StartedAt, renamed.StartedAt);
        Assert.Equal(live.Meta.Expires, renamed.Meta.Expires);
    }

    [Fact]
    public async Task RescheduleMovesTheExpiryWithTheNewStart()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));
        var newStart = created.ScheduledAt.AddHours(1);

        var moved = await grain.RescheduleAsync(newStart, created.ChangeSequence);

        Assert.Equal(newStart, moved.ScheduledAt);
        Assert.Equal(newStart + ClusterFixture.StartGrace, moved.Meta.Expires);
        Assert.Equal(SessionState.Scheduled, moved.State);
    }

    [Fact]
    public async Task GetOfAnUnknownSessionIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RoomcastException>(() => Grains.GetGrain<ISessionGrain>(Guid.NewGuid()).GetAsync());

        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task GetOfADeletedSessionIsNotFound()
    {
        var (grain, created) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        await grain.DeleteAsync(created.ChangeSequence);

        var error = await Assert.ThrowsAsync<RoomcastException>(grain.GetAsync);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task CreatingTheSameSessionTwiceIsAConflict()
    {
        var (grain, _) = await TestSessions.CreateAsync(Grains, TestSessions.FarFuture(fixture.Clock));

        var error = await Assert.ThrowsAsync<RoomcastException>(() => grain.CreateAsync(TestSessions.FarFuture(fixture.Clock)));

        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("already_exists", error.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(601)]
    public async Task MaxDurationOutsideOneSecondToTheConfiguredMaximumIsRejected(int maxDurationSeconds)
    {
        // The fixture configures Sessions:MaxDuration = 10 min, the documented upper bound of a session's own value.
        var grain = Grains.GetGrain<ISessionGrain>(Guid.NewGuid());

        var error = await Assert.ThrowsAsync<RoomcastException>(
            () => grain.CreateAsync(TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), maxDurationSeconds)));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal("max_duration_seconds", Assert.Single(error.Details).Field);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<RoomcastException>(grain.GetAsync)).Kind);
    }

    [Fact]
    public async Task MaxDurationUpToTheConfiguredMaximumIsAccepted()
    {
        var (_, session) = await TestSessions.CreateAsync(Grains, TestSessions.Command(fixture.Clock.GetUtcNow().AddHours(1), 600));

        Assert.Equal(600, session.Config.MaxDurationSeconds);
    }
}
