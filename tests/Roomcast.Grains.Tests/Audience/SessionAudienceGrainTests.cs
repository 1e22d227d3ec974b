using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Audience;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Audience;

/// <summary>A session's audience on the fake clock: one record per person, silence closed by the timer, bans that end once, the end of the session.</summary>
[Collection(AudienceCollection.Name)]
public sealed class SessionAudienceGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(10);

    private IGrainFactory Grains => fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private IAttendanceLog Log => fixture.SiloServices.GetRequiredService<IAttendanceLog>();

    private static AudienceJoin Viewer(Guid userId, int? maxViewers = null) =>
        new(userId, $"Viewer {userId:N}"[..15], AttendeeRole.Viewer, SessionState.Live, maxViewers);

    private async Task<(ISessionGrain Session, ISessionAudienceGrain Audience)> LiveAsync()
    {
        var (session, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        return (session, Grains.GetGrain<ISessionAudienceGrain>(live.Id));
    }

    /// <summary>Moves the clock with the host sending heartbeats, so that the session outlives the presence timeout.</summary>
    private async Task AdvanceWithHostAsync(ISessionGrain session, DateTimeOffset until)
    {
        while (Now < until)
        {
            await session.HeartbeatAsync();
            var next = Now + ClusterFixture.PresenceCheckInterval;
            await fixture.Clock.AdvanceToAsync(next < until ? next : until, ClusterFixture.PresenceCheckInterval);
        }
    }

    private async Task<AttendanceRecord> RecordOfAsync(Guid sessionId, Guid userId)
    {
        var page = await Log.ListAsync(sessionId, PageRequest.First(PageRequest.MaxLimit));
        return Assert.Single(page.Items, r => r.UserId == userId);
    }

    [Fact]
    public async Task APersonWhoJoinsThreeTimesIsOneAttendeeWithOneVisit()
    {
        var (session, audience) = await LiveAsync();
        var userId = Guid.NewGuid();

        var first = await audience.JoinAsync(Viewer(userId));
        var again = await audience.JoinAsync(Viewer(userId));
        await audience.JoinAsync(Viewer(userId));

        Assert.False(first.Rejoined);
        Assert.True(again.Rejoined);
        Assert.Equal(userId.ToString(), first.Identity);
        Assert.Equal((false, true, false, false), (first.Rights.CanPublish, first.Rights.CanSubscribe, first.Rights.CanPublishData, first.Rights.Hidden));
        var record = await RecordOfAsync(session.GetPrimaryKey(), userId);
        Assert.Equal(1, record.Visits);
        Assert.NotNull(record.OpenSince);
        var stats = await audience.GetStatsAsync();
        Assert.Equal((1, 1, 1), (stats.UniqueViewers, stats.PresentViewers, stats.PeakConcurrentViewers));
    }

    [Fact]
    public async Task AViewerSilentBeyondThePresenceTimeoutIsClosedByTheTimerAtTheTimeLastSeen()
    {
        var (session, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        var joinedAt = Now;
        await audience.JoinAsync(Viewer(userId));
        await AdvanceWithHostAsync(session, joinedAt + TimeSpan.FromSeconds(40));
        var lastSeen = Now;
        await audience.JoinAsync(Viewer(userId));

        await AdvanceWithHostAsync(session, lastSeen + ClusterFixture.PresenceTimeout - ClusterFixture.PresenceCheckInterval);
        Assert.Single(await audience.GetViewersAsync());

        await AdvanceWithHostAsync(session, lastSeen + ClusterFixture.PresenceTimeout + ClusterFixture.PresenceCheckInterval);
        await Eventually.Of(audience.GetViewersAsync, v => v.Count == 0, ActionWait, "the silent viewer to be closed");

        var record = await RecordOfAsync(session.GetPrimaryKey(), userId);
        Assert.Null(record.OpenSince);
        Assert.Equal(lastSeen, record.LastLeftAt);
        Assert.Equal(TimeSpan.FromSeconds(40), TimeSpan.FromMilliseconds(record.WatchedMilliseconds));
    }

    [Fact]
    public async Task LeavingClosesTheVisitAndASecondLeaveFindsNobody()
    {
        var (session, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        await audience.JoinAsync(Viewer(userId));
        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromSeconds(25));

        Assert.True(await audience.LeaveAsync(userId));
        Assert.False(await audience.LeaveAsync(userId));

        var record = await RecordOfAsync(session.GetPrimaryKey(), userId);
        Assert.Equal(TimeSpan.FromSeconds(25), TimeSpan.FromMilliseconds(record.WatchedMilliseconds));
        Assert.Empty(await audience.GetViewersAsync());
        var stats = await audience.GetStatsAsync();
        Assert.Equal((1, 0, 1), (stats.UniqueViewers, stats.PresentViewers, stats.PeakConcurrentViewers));
        Assert.Equal(TimeSpan.FromSeconds(25), stats.TotalWatchTime);
    }

    [Fact]
    public async Task TheEndOfTheSessionClosesEveryOpenRecordAtTheEndTimeAndNobodyJoinsAfter()
    {
        var (session, audience) = await LiveAsync();
        var viewers = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid()).ToList();
        foreach (var viewer in viewers)
        {
            await audience.JoinAsync(Viewer(viewer));
        }

        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromSeconds(20));
        var ended = await session.EndAsync(null);

        await Eventually.Of(() => Log.ListOpenAsync(session.GetPrimaryKey()), open => open.Count == 0, ActionWait, "the open records to close");
        foreach (var viewer in viewers)
        {
            Assert.Equal(ended.EndedAt, (await RecordOfAsync(session.GetPrimaryKey(), viewer)).LastLeftAt);
        }

        var refused = await Assert.ThrowsAsync<RoomcastException>(() => audience.JoinAsync(Viewer(Guid.NewGuid())));
        Assert.Equal("session_not_live", refused.Code);
    }

    [Fact]
    public async Task ACappedSessionRefusesTheViewerOverTheCapButNotItsStaff()
    {
        var (_, audience) = await LiveAsync();
        await audience.JoinAsync(Viewer(Guid.NewGuid(), maxViewers: 2));
        await audience.JoinAsync(Viewer(Guid.NewGuid(), maxViewers: 2));

        var full = await Assert.ThrowsAsync<RoomcastException>(() => audience.JoinAsync(Viewer(Guid.NewGuid(), maxViewers: 2)));
        var host = await audience.JoinAsync(new AudienceJoin(Guid.NewGuid(), "Host", AttendeeRole.Host, SessionState.Live, 2));

        Assert.Equal((ErrorKind.Conflict, "session_full"), (full.Kind, full.Code));
        Assert.True(host.Rights.CanPublish);
        Assert.Equal(2, (await audience.GetStatsAsync()).PresentViewers);
    }

    [Fact]
    public async Task ABanClosesTheVisitAndRefusesTheNextJoinAndMonitorToken()
    {
        var (session, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        await audience.JoinAsync(Viewer(userId));

        await audience.BanAsync(new BanCommand(userId, "spam", Guid.NewGuid(), null));
        await audience.BanAsync(new BanCommand(userId, "spam again", Guid.NewGuid(), null));

        Assert.Empty(await audience.GetViewersAsync());
        Assert.Null((await RecordOfAsync(session.GetPrimaryKey(), userId)).OpenSince);
        var ban = Assert.Single(await audience.GetBansAsync());
        Assert.Equal("spam again", ban.Reason);
        Assert.Equal("banned", (await Assert.ThrowsAsync<RoomcastException>(() => audience.JoinAsync(Viewer(userId)))).Code);
        Assert.Equal("banned", (await Assert.ThrowsAsync<RoomcastException>(() => audience.MonitorAsync(userId, "x"))).Code);

        await audience.UnbanAsync(userId);
        await audience.JoinAsync(Viewer(userId));
        Assert.Equal(2, (await RecordOfAsync(session.GetPrimaryKey(), userId)).Visits);
        await Assert.ThrowsAsync<RoomcastException>(() => audience.UnbanAsync(userId));
    }

    [Fact]
    public async Task ATimedBanEndsByItselfAtItsExpiryEvenAcrossADeactivation()
    {
        var (_, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        var ban = await audience.BanAsync(new BanCommand(userId, null, Guid.NewGuid(), TimeSpan.FromMinutes(3)));
        await fixture.Cluster.DeactivateAsync(audience);

        await fixture.Clock.AdvanceToAsync(ban.ExpiresAt!.Value - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.NotNull(await audience.FindBanAsync(userId));

        await fixture.Clock.AdvanceToAsync(ban.ExpiresAt!.Value + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        Assert.Null(await audience.FindBanAsync(userId));
        var stored = await Eventually.Of(
            () => fixture.ReadStoredAsync<SessionAudienceState>("audience", audience), s => s.Bans.Count == 0, ActionWait, "the expired ban to leave storage");
        Assert.Empty(stored.Bans);
        await Eventually.Of(
            async () => (await fixture.ReminderTable.ReadRows(audience.GetGrainId())).Reminders.Count, n => n == 0, ActionWait,
            "the audience's reminder to go once nothing is left to watch");
    }

    [Fact]
    public async Task AReactivatedAudienceReadsWhoIsPresentBackFromTheLog()
    {
        var (session, audience) = await LiveAsync();
        var present = Guid.NewGuid();
        var gone = Guid.NewGuid();
        await audience.JoinAsync(Viewer(present));
        await audience.JoinAsync(Viewer(gone));
        await audience.LeaveAsync(gone);

        await fixture.Cluster.DeactivateAsync(audience);

        var viewer = Assert.Single(await audience.GetViewersAsync());
        Assert.Equal(present, viewer.UserId);
        Assert.True((await audience.JoinAsync(Viewer(present))).Rejoined);
        Assert.Equal(1, (await RecordOfAsync(session.GetPrimaryKey(), present)).Visits);
        Assert.Equal(2, (await audience.GetStatsAsync()).PeakConcurrentViewers);
    }

    [Fact]
    public async Task AFailedBanWriteLeavesNoBanAndTheRetryBans()
    {
        var (_, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        await audience.JoinAsync(Viewer(userId));
        fixture.Storage.Inject(audience, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => audience.BanAsync(new BanCommand(userId, null, Guid.NewGuid(), null)));
            Assert.Null(await audience.FindBanAsync(userId));
            Assert.Empty((await fixture.ReadStoredAsync<SessionAudienceState>("audience", audience)).Bans);
        }
        finally
        {
            fixture.Storage.Heal(audience);
        }

        await audience.BanAsync(new BanCommand(userId, null, Guid.NewGuid(), null));

        Assert.NotNull(await audience.FindBanAsync(userId));
        Assert.Equal("banned", (await Assert.ThrowsAsync<RoomcastException>(() => audience.JoinAsync(Viewer(userId)))).Code);
    }

    [Fact]
    public async Task JoiningWritesNoGrainStateAndThePeakIsSavedAtTheViewerCountPace()
    {
        var (_, audience) = await LiveAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await audience.JoinAsync(Viewer(Guid.NewGuid()));
        }

        Assert.Equal(0, (await fixture.ReadStoredAsync<SessionAudienceState>("audience", audience)).PeakConcurrentViewers);

        await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500));

        var stored = await Eventually.Of(() => fixture.ReadStoredAsync<SessionAudienceState>("audience", audience),
            s => s.PeakConcurrentViewers == 3, ActionWait, "the peak to be saved");
        Assert.NotNull(stored.PeakAt);
    }
}
