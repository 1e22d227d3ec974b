using Microsoft.Extensions.DependencyInjection;
using Roomcast.Errors;
using Roomcast.Grains.Media;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.LiveKit;
using Roomcast.Media;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Media;

/// <summary>
/// The session's media grain with LiveKit detached (a started egress stays starting until a stop ends it): reports
/// applied by their time, the media-watch reminder as the backstop that stops the egresses of a session that is over
/// and goes away when nothing runs, and storage failures that leave the grain as storage has it.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class SessionMediaGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(10);

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private async Task<(ISessionGrain Session, ISessionMediaGrain Media, StreamEgress Hls)> LiveWithHlsAsync()
    {
        var (session, snapshot) = await TestSessions.CreateLiveAsync(fixture.Client, fixture.Clock);
        var media = fixture.Client.GetGrain<ISessionMediaGrain>(snapshot.Id);
        var stream = await media.EnsureHlsAsync();
        Assert.NotNull(stream.Hls);
        Assert.Equal(EgressPhase.Starting, stream.Hls.Phase);
        return (session, media, stream.Hls);
    }

    private static EgressReport Report(StreamEgress egress, Guid sessionId, EgressPhase phase, DateTimeOffset at, long segments = 0) =>
        new(egress.EgressId, sessionId, phase, at, StartedAt: egress.StartedAt ?? at, EndedAt: phase is EgressPhase.Complete ? at : null,
            Error: null, File: null,
            Segments: segments == 0 ? null : new EgressSegments(null, null, segments, segments * 500_000, segments * 6));

    /// <summary>Moves the clock on while the host keeps signalling, so the health check does not end the session.</summary>
    private async Task AdvanceKeepingLiveAsync(ISessionGrain session, TimeSpan by)
    {
        var end = Now + by;
        while (Now < end)
        {
            await session.HeartbeatAsync();
            await fixture.Clock.AdvanceToAsync(Now + TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
        }

        Assert.Equal(SessionState.Live, (await session.GetAsync()).State);
    }

    private Task<int> WatchRemindersAsync(ISessionMediaGrain media) =>
        fixture.ReminderTable.ReadRows(media.GetGrainId())
            .ContinueWith(t => t.Result.Reminders.Count(r => r.ReminderName == SessionMediaGrain.WatchReminderName), TaskScheduler.Default);

    [Fact]
    public async Task ReportsApplyByTheirTimeNotTheirArrival()
    {
        var (_, media, hls) = await LiveWithHlsAsync();
        var sessionId = media.GetPrimaryKey();
        var t0 = Now;

        Assert.True(await media.ApplyEgressAsync(Report(hls, sessionId, EgressPhase.Active, t0.AddSeconds(20), segments: 5)));
        Assert.True(await media.ApplyEgressAsync(Report(hls, sessionId, EgressPhase.Active, t0.AddSeconds(10), segments: 2)));
        Assert.True(await media.ApplyEgressAsync(Report(hls, sessionId, EgressPhase.Starting, t0.AddSeconds(5))));

        var applied = (await media.GetStreamAsync()).Hls!;
        Assert.Equal((EgressPhase.Active, 5L, t0.AddSeconds(20)), (applied.Phase, applied.Segments?.SegmentCount, applied.UpdatedAt));
        Assert.Equal(t0.AddSeconds(20), applied.LastProgressAt);

        // Over is over: a report of a running egress, however new, does not revive it.
        Assert.True(await media.ApplyEgressAsync(Report(hls, sessionId, EgressPhase.Complete, t0.AddSeconds(30))));
        Assert.True(await media.ApplyEgressAsync(Report(hls, sessionId, EgressPhase.Active, t0.AddSeconds(40), segments: 9)));
        Assert.Equal(EgressPhase.Complete, (await media.GetStreamAsync()).Hls!.Phase);
    }

    [Fact]
    public async Task AReportAboutAnotherEgressIsNotThisSessionsStream()
    {
        var (_, media, hls) = await LiveWithHlsAsync();

        var foreign = Report(hls, media.GetPrimaryKey(), EgressPhase.Failed, Now.AddSeconds(1)) with { EgressId = "EG_someone_else" };

        Assert.False(await media.ApplyEgressAsync(foreign));
        Assert.Equal(EgressPhase.Starting, (await media.GetStreamAsync()).Hls!.Phase);
    }

    [Fact]
    public async Task TheWatchReminderStopsTheEgressOfASessionThatEndedWithoutStoppingIt()
    {
        var (session, media, _) = await LiveWithHlsAsync();
        Assert.Equal(1, await WatchRemindersAsync(media));

        // The session's one-way "ended" reaches the media grain while its storage refuses writes: the stop is not recorded.
        fixture.Storage.Inject(media, StorageFault.RefuseWrites);
        try
        {
            await session.EndAsync(null);
            // The failed write retires the activation: proof that the stop was tried while writes were refused.
            await Eventually.Of(() => Task.FromResult(fixture.IsActive(media)), active => !active, ActionWait,
                "the media grain to retire its activation after the refused write");
        }
        finally
        {
            fixture.Storage.Heal(media);
        }

        Assert.Equal(EgressPhase.Starting, (await fixture.ReadStoredAsync<SessionMediaState>("media", media)).Hls!.Phase);
        Assert.Equal(EgressPhase.Starting, (await media.GetStreamAsync()).Hls!.Phase);

        await fixture.Clock.AdvanceToAsync(Now + 2 * ClusterFixture.ReminderPeriod, TimeSpan.FromSeconds(5));

        var stopped = await Eventually.Of(() => media.GetStreamAsync(), s => s.Hls is { IsRunning: false }, ActionWait,
            "the reminder to stop the egress of the ended session");
        Assert.NotNull(stopped.Hls!.EndedAt);
        await Eventually.Of(() => WatchRemindersAsync(media), n => n == 0, ActionWait, "the watch reminder to go once nothing runs");
    }

    [Fact]
    public async Task TheWatchReminderUnregistersItselfOnceNoEgressRuns()
    {
        var (session, media, hls) = await LiveWithHlsAsync();
        Assert.Equal(1, await WatchRemindersAsync(media));

        await media.ApplyEgressAsync(Report(hls, media.GetPrimaryKey(), EgressPhase.Failed, Now));
        Assert.Equal(1, await WatchRemindersAsync(media));

        await AdvanceKeepingLiveAsync(session, ClusterFixture.ReminderPeriod + TimeSpan.FromSeconds(10));

        await Eventually.Of(() => WatchRemindersAsync(media), n => n == 0, ActionWait, "the watch reminder to unregister itself");
        Assert.Equal(EgressPhase.Failed, (await media.GetStreamAsync()).Hls!.Phase);
    }

    [Fact]
    public async Task WhenWebhooksGoQuietTheWatchReminderAsksLiveKitAndAppliesWhatItSays()
    {
        var (session, media, hls) = await LiveWithHlsAsync();
        // The egress ends behind the grain's back (no webhook): only asking LiveKit can tell.
        var liveKit = fixture.SiloServices.GetRequiredService<ILiveKitEgressService>();
        Assert.NotNull(await liveKit.StopEgressAsync(hls.EgressId));
        await AdvanceKeepingLiveAsync(session, ClusterFixture.ReminderPeriod + TimeSpan.FromSeconds(10));

        var ended = await Eventually.Of(() => media.GetStreamAsync(), s => s.Hls is { IsRunning: false }, ActionWait,
            "the reminder to ask LiveKit about the quiet egress");
        Assert.Equal((hls.EgressId, EgressPhase.Ending), (ended.Hls!.EgressId, ended.Hls.Phase));
        Assert.Equal(SessionState.Live, (await session.GetAsync()).State);
    }

    [Fact]
    public async Task ARefusedWriteOfANewEgressLeavesNoRecordAndTheCallerGetsStorageUnavailable()
    {
        var (_, snapshot) = await TestSessions.CreateLiveAsync(fixture.Client, fixture.Clock);
        var media = fixture.Client.GetGrain<ISessionMediaGrain>(snapshot.Id);

        fixture.Storage.Inject(media, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => media.EnsureHlsAsync());
            Assert.Null((await media.GetStreamAsync()).Hls);
        }
        finally
        {
            fixture.Storage.Heal(media);
        }

        Assert.Null((await fixture.ReadStoredAsync<SessionMediaState>("media", media)).Hls);
        Assert.NotNull((await media.EnsureHlsAsync()).Hls);
    }

    [Fact]
    public async Task ARefusedWriteOfAReportLeavesTheEgressAsStored()
    {
        var (_, media, hls) = await LiveWithHlsAsync();

        fixture.Storage.Inject(media, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(
                () => media.ApplyEgressAsync(Report(hls, media.GetPrimaryKey(), EgressPhase.Active, Now.AddSeconds(1), segments: 3)));
            Assert.Equal(hls, (await media.GetStreamAsync()).Hls);
        }
        finally
        {
            fixture.Storage.Heal(media);
        }

        Assert.Equal(hls, (await media.GetStreamAsync()).Hls);
        Assert.True(await media.ApplyEgressAsync(Report(hls, media.GetPrimaryKey(), EgressPhase.Active, Now.AddSeconds(1), segments: 3)));
        Assert.Equal(EgressPhase.Active, (await media.GetStreamAsync()).Hls!.Phase);
    }
}
