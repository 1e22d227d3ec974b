using Roomcast.Errors;
using Roomcast.Grains.Recordings;
using Roomcast.Grains.Tests.Infrastructure;
using Roomcast.Media;
using Roomcast.Recordings;
using Roomcast.Sessions;

namespace Roomcast.Grains.Tests.Recordings;

/// <summary>
/// Recording grains on the fake clock. LiveKit is detached in this cluster, so a start gets a synthetic egress id
/// that no webhook will ever move; the tests move it with egress reports, and the recording-watch reminder (which
/// asks a LiveKit that knows nothing) is what finishes the ones left alone.
/// </summary>
[Collection(RecordingClusterCollection.Name)]
public sealed class RecordingGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan ActionWait = TimeSpan.FromSeconds(10);
    private static readonly RecordingOptions Defaults = new();

    private IGrainFactory Grains => fixture.Client;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private async Task<(ISessionGrain Session, ISessionRecordingsGrain Recordings, RecordingSnapshot Recording)> StartedAsync()
    {
        var (session, snapshot) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        await session.UpdateSettingsAsync(new SessionSettingsPatch(null, null, null, RecordingEnabled: true, null), null);
        var recordings = Grains.GetGrain<ISessionRecordingsGrain>(snapshot.Id);
        var recording = await recordings.StartAsync(new RecordingStart(snapshot.HostId, "Grain test"));
        Assert.Equal(RecordingStatus.Starting, recording.Status);
        Assert.NotNull(recording.EgressId);
        return (session, recordings, recording);
    }

    private static EgressReport Report(RecordingSnapshot recording, EgressPhase phase, DateTimeOffset updatedAt, EgressFile? file = null) =>
        new(recording.EgressId!, recording.SessionId, phase, updatedAt, StartedAt: updatedAt, EndedAt: phase >= EgressPhase.Complete ? updatedAt : null,
            Error: phase == EgressPhase.Failed ? "egress failed" : null, file, Segments: null);

    private string WriteFile(RecordingSnapshot recording, int length)
    {
        var path = Path.Combine(fixture.RecordingsRoot, recording.StorageKey);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[length]);
        return path;
    }

    private Task<RecordingSnapshot> GetAsync(RecordingSnapshot recording) => Grains.GetGrain<IRecordingGrain>(recording.Id).GetAsync();

    private Task AdvanceAsync(TimeSpan by) => fixture.Clock.AdvanceToAsync(Now + by, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task AnOlderReportArrivingAfterCompletionChangesNothing()
    {
        var (_, recordings, recording) = await StartedAsync();
        var t0 = Now;
        Assert.True(await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, t0.AddSeconds(1))));
        Assert.Equal(RecordingStatus.Recording, (await GetAsync(recording)).Status);
        WriteFile(recording, 321);
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Complete, t0.AddSeconds(10), new EgressFile("f.mp4", null, 321, 9)));
        var ready = await GetAsync(recording);
        Assert.Equal((RecordingStatus.Ready, (long?)321, (double?)9), (ready.Status, ready.SizeBytes, ready.DurationSeconds));

        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, t0.AddSeconds(5)));
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Failed, t0.AddSeconds(6)));

        Assert.Equal(ready, await GetAsync(recording));
    }

    [Fact]
    public async Task AnOlderActiveReportDoesNotTakeAProcessingRecordingBackToRecording()
    {
        var (_, recordings, recording) = await StartedAsync();
        var t0 = Now;
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Ending, t0.AddSeconds(10)));
        var processing = await GetAsync(recording);
        Assert.Equal(RecordingStatus.Processing, processing.Status);

        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, t0.AddSeconds(5)));

        Assert.Equal(processing, await GetAsync(recording));
    }

    [Fact]
    public async Task AReportAboutAnotherEgressIsNotApplied()
    {
        var (_, recordings, recording) = await StartedAsync();

        Assert.False(await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now) with { EgressId = "EG_someone_else" }));
        await Assert.ThrowsAsync<RoomcastException>(() =>
            Grains.GetGrain<IRecordingGrain>(recording.Id).ApplyEgressAsync(Report(recording, EgressPhase.Active, Now) with { EgressId = "EG_someone_else" }));
        Assert.Equal(RecordingStatus.Starting, (await GetAsync(recording)).Status);
    }

    [Fact]
    public async Task TheWatchReminderFinishesARecordingStuckInProcessingWhenItsFileIsThere()
    {
        var (_, recordings, recording) = await StartedAsync();
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now));
        Assert.Equal(RecordingStatus.Processing, (await recordings.StopAsync()).Status);
        WriteFile(recording, 2048);

        await AdvanceAsync(Defaults.ProcessingTimeout + ClusterFixture.ReminderPeriod);

        var ready = await Eventually.Of(() => GetAsync(recording), r => r.Status != RecordingStatus.Processing, ActionWait, "the reminder to finish the recording");
        Assert.Equal((RecordingStatus.Ready, (long?)2048), (ready.Status, ready.SizeBytes));
        Assert.DoesNotContain((await fixture.ReminderTable.ReadRows(Grains.GetGrain<IRecordingGrain>(recording.Id).GetGrainId())).Reminders,
            r => r.ReminderName == "recording-watch");
    }

    [Fact]
    public async Task TheWatchReminderFailsARecordingStuckInProcessingWithoutAFile()
    {
        var (_, recordings, recording) = await StartedAsync();
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now));
        await recordings.StopAsync();

        await AdvanceAsync(Defaults.ProcessingTimeout + ClusterFixture.ReminderPeriod);

        var failed = await Eventually.Of(() => GetAsync(recording), r => r.Status != RecordingStatus.Processing, ActionWait, "the reminder to give up on the file");
        Assert.Equal(RecordingStatus.Failed, failed.Status);
        Assert.Contains(recording.StorageKey, failed.Error);
    }

    [Fact]
    public async Task ARecordingWhoseEgressWasNeverConfirmedFailsAfterTheStartTimeout()
    {
        var (session, snapshot) = await TestSessions.CreateLiveAsync(Grains, fixture.Clock);
        var grain = Grains.GetGrain<IRecordingGrain>(Guid.NewGuid());
        // The "starting" write commits; the one recording LiveKit's answer (the egress id) does not.
        fixture.Storage.InjectAfterWrites(grain, writesToPass: 1, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() =>
                grain.StartAsync(new NewRecording(snapshot.Id, snapshot.RoomId, snapshot.LibraryId, snapshot.HostId, snapshot.HostId, "never confirmed")));
        }
        finally
        {
            fixture.Storage.Heal(grain);
        }

        var starting = await grain.GetAsync();
        Assert.Equal((RecordingStatus.Starting, (string?)null), (starting.Status, starting.EgressId));

        await AdvanceAsync(Defaults.StartTimeout - TimeSpan.FromSeconds(30));
        Assert.Equal(RecordingStatus.Starting, (await grain.GetAsync()).Status);

        await AdvanceAsync(TimeSpan.FromSeconds(30) + ClusterFixture.ReminderPeriod);
        var failed = await Eventually.Of(grain.GetAsync, r => r.Status != RecordingStatus.Starting, ActionWait, "the start timeout");
        Assert.Equal(RecordingStatus.Failed, failed.Status);
        Assert.Contains("never confirmed", failed.Error);
        Assert.NotNull(session);
    }

    [Fact]
    public async Task TheSessionsEndStopsItsActiveRecording()
    {
        var (session, recordings, recording) = await StartedAsync();
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now));

        await session.EndAsync(null);

        var stopped = await Eventually.Of(() => GetAsync(recording), r => r.Status != RecordingStatus.Recording, ActionWait, "the recording to stop with its session");
        Assert.Equal(RecordingStatus.Processing, stopped.Status);
        Assert.Null(await recordings.GetActiveAsync());
    }

    [Fact]
    public async Task AFailedStorageWriteLeavesTheRecordingAsStorageHasIt()
    {
        var (_, recordings, recording) = await StartedAsync();
        var grain = Grains.GetGrain<IRecordingGrain>(recording.Id);
        var before = await grain.GetAsync();

        fixture.Storage.Inject(grain, StorageFault.RefuseWrites);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => grain.UpdateAsync(new RecordingPatch("Renamed", "Notes", false), before.ChangeSequence));
            await Assert.ThrowsAnyAsync<Exception>(() => grain.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now)));
        }
        finally
        {
            fixture.Storage.Heal(grain);
        }

        Assert.Equal(before, await grain.GetAsync());
        var stored = await fixture.ReadStoredAsync<RecordingGrainState>("recording", grain);
        Assert.Equal(before, stored.Recording);

        // And the next report, with storage back, is applied as if the failed one never happened.
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now));
        Assert.Equal(RecordingStatus.Recording, (await grain.GetAsync()).Status);
    }

    [Fact]
    public async Task AStartWhileOneIsBeingMadeIsRefusedAndAFailedOneFreesTheSlot()
    {
        var (_, recordings, recording) = await StartedAsync();

        var refused = await Assert.ThrowsAsync<RoomcastException>(() => recordings.StartAsync(new RecordingStart(Guid.NewGuid(), null)));
        Assert.Equal("recording_in_progress", refused.Code);

        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Failed, Now));
        var next = await recordings.StartAsync(new RecordingStart(Guid.NewGuid(), null));
        Assert.NotEqual(recording.Id, next.Id);
    }

    [Fact]
    public async Task AReportAboutARecordingDeletedWhileProcessingIsTakenAndChangesNothing()
    {
        var (_, recordings, recording) = await StartedAsync();
        await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Active, Now));
        await recordings.StopAsync();
        var grain = Grains.GetGrain<IRecordingGrain>(recording.Id);
        await grain.DeleteAsync(null);

        Assert.True(await recordings.ApplyEgressAsync(Report(recording, EgressPhase.Complete, Now.AddSeconds(1))));

        var notFound = await Assert.ThrowsAsync<RoomcastException>(grain.GetAsync);
        Assert.Equal(ErrorKind.NotFound, notFound.Kind);
    }
}
