using Microsoft.Extensions.DependencyInjection;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Grains.Expiry;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Grains.Webhooks;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Tests.Webhooks;

/// <summary>
/// LiveKit's room events on the fake clock: one effect per event id, the mark written only after the effect and
/// swept after its retention, and the audience's side (reopening a visit the presence timeout closed, stale events).
/// </summary>
[Collection(AudienceCollection.Name)]
public sealed class LiveKitWebhookEventGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private IAttendanceLog Log => fixture.SiloServices.GetRequiredService<IAttendanceLog>();

    private async Task<(ISessionGrain Session, Guid SessionId, ISessionAudienceGrain Audience)> LiveAsync()
    {
        var (session, live) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        return (session, live.Id, Grains.GetGrain<ISessionAudienceGrain>(live.Id));
    }

    private LiveKitParticipantEvent Joined(Guid sessionId, Guid userId, DateTimeOffset? at = null) =>
        new(LiveKitParticipantEventKind.Joined, sessionId, userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, at ?? Now);

    private async Task<int> VisitsOfAsync(Guid sessionId, Guid userId) =>
        Assert.Single((await Log.ListAsync(sessionId, PageRequest.First(PageRequest.MaxLimit))).Items, r => r.UserId == userId).Visits;

    [Fact]
    public async Task AnEventIdHasItsEffectOnceAndItsMarkIsSweptAfterTheRetention()
    {
        var (_, sessionId, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        var grain = Grains.GetGrain<ILiveKitWebhookEventGrain>("livekit:EV_" + Guid.NewGuid().ToString("N"));

        Assert.True(await grain.ApplyAsync(Joined(sessionId, userId)));
        await audience.LeaveAsync(userId);
        Assert.False(await grain.ApplyAsync(Joined(sessionId, userId)));

        Assert.False(await audience.IsPresentAsync(userId));
        Assert.Equal(1, await VisitsOfAsync(sessionId, userId));
        var stored = await fixture.ReadStoredAsync<LiveKitWebhookEventState>("livekit-webhook-event", grain);
        Assert.Equal(stored.ProcessedAt + LiveKitWebhookEventGrain.Retention, stored.ExpiresAt);

        await fixture.SiloServices.GetRequiredService<IExpiredStateSweeper>()
            .SweepAsync(Now + LiveKitWebhookEventGrain.Retention + TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Null((await fixture.ReadStoredAsync<LiveKitWebhookEventState>("livekit-webhook-event", grain)).ProcessedAt);
    }

    [Fact]
    public async Task AMarkThatCouldNotBeWrittenLeavesTheEventForLiveKitsRetryWhichAppliesItOnce()
    {
        var (_, sessionId, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        var grain = Grains.GetGrain<ILiveKitWebhookEventGrain>("livekit:EV_" + Guid.NewGuid().ToString("N"));
        fixture.Storage.Inject(grain, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.ApplyAsync(Joined(sessionId, userId)));
            Assert.Null((await fixture.ReadStoredAsync<LiveKitWebhookEventState>("livekit-webhook-event", grain)).ProcessedAt);
        }
        finally
        {
            fixture.Storage.Heal(grain);
        }

        Assert.True(await grain.ApplyAsync(Joined(sessionId, userId)));

        Assert.True(await audience.IsPresentAsync(userId));
        Assert.Equal(1, await VisitsOfAsync(sessionId, userId));
    }

    [Fact]
    public async Task AViewerClosedByThePresenceTimeoutIsReopenedByTheRoomWithoutTheCapacityCheck()
    {
        var (session, sessionId, audience) = await LiveAsync();
        var userId = Guid.NewGuid();
        await audience.JoinAsync(new AudienceJoin(userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, MaxViewers: 1));
        var silentUntil = Now + ClusterFixture.PresenceTimeout + ClusterFixture.PresenceCheckInterval * 2;
        while (Now < silentUntil)
        {
            await session.HeartbeatAsync();
            await fixture.Clock.AdvanceToAsync(Now + ClusterFixture.PresenceCheckInterval, ClusterFixture.PresenceCheckInterval);
        }

        await Eventually.Of(() => audience.IsPresentAsync(userId), present => !present, TimeSpan.FromSeconds(10), "the timeout to close the visit");
        await audience.JoinAsync(new AudienceJoin(Guid.NewGuid(), "Other", AttendeeRole.Viewer, SessionState.Live, MaxViewers: 1));

        var reopened = await audience.RoomJoinedAsync(new RoomArrival(userId, "Viewer", AttendeeRole.Viewer, SessionState.Live, Now));

        Assert.True(reopened);
        Assert.True(await audience.IsPresentAsync(userId));
        Assert.Equal(2, (await audience.GetStatsAsync()).PresentViewers);
        Assert.Equal(2, await VisitsOfAsync(sessionId, userId));
    }

    [Fact]
    public async Task AnArrivalOlderThanThePresenceTimeoutOrAfterTheEndReopensNothing()
    {
        var (session, sessionId, audience) = await LiveAsync();
        var late = Guid.NewGuid();
        var afterEnd = Guid.NewGuid();

        var stale = await audience.RoomJoinedAsync(new RoomArrival(late, "Late", AttendeeRole.Viewer, SessionState.Live,
            Now - ClusterFixture.PresenceTimeout - TimeSpan.FromSeconds(1)));
        await session.EndAsync(null);
        var ended = await audience.RoomJoinedAsync(new RoomArrival(afterEnd, "After", AttendeeRole.Viewer, SessionState.Ended, Now));

        Assert.Equal((false, false), (stale, ended));
        Assert.Empty((await Log.ListAsync(sessionId, PageRequest.First(PageRequest.MaxLimit))).Items);
    }

    [Fact]
    public async Task TheHostJoiningTheRoomIsAHostSignal()
    {
        var (session, sessionId, _) = await LiveAsync();
        var host = (await session.GetAsync()).HostId;
        var before = (await session.GetAsync()).Meta.HealthCheck.LastHostSignalAt;
        fixture.Clock.Advance(TimeSpan.FromSeconds(3));

        await Grains.GetGrain<ILiveKitWebhookEventGrain>("livekit:EV_" + Guid.NewGuid().ToString("N")).ApplyAsync(
            new LiveKitParticipantEvent(LiveKitParticipantEventKind.Joined, sessionId, host, "Host", AttendeeRole.Host, SessionState.Live, Now));

        Assert.Equal(Now, (await session.GetAsync()).Meta.HealthCheck.LastHostSignalAt);
        Assert.NotEqual(before, Now);
    }
}
