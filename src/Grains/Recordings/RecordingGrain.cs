using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Grains.Media;
using Roomcast.Grains.Sessions;
using Roomcast.LiveKit;
using Roomcast.Media;
using Roomcast.Recordings;
using Roomcast.Sessions;
using Roomcast.Storage;
using Roomcast.Webhooks;
using Roomcast.Grains.Webhooks;

namespace Roomcast.Grains.Recordings;

/// <summary>
/// One recording. Its egress's reports move it (applied only when newer than the last one, so webhooks may come in
/// any order); it is ready once its file is found in recording storage. A reminder, armed until it is ready or
/// failed, asks LiveKit when webhooks are late, stops an egress whose session is over, and finishes processing that
/// was interrupted: no recording stays "recording" or "processing" for ever because a webhook or a silo was lost.
/// </summary>
public sealed partial class RecordingGrain(
    [PersistentState("recording", GrainStorage.Name)] IPersistentState<RecordingGrainState> state,
    IRecordingCatalog catalog,
    IWebhookOutbox outbox,
    ILiveKitEgressService egresses,
    IRecordingStorage storage,
    IOptions<RecordingOptions> options,
    IOptions<SessionLifecycleOptions> lifecycle,
    TimeProvider clock,
    ILogger<RecordingGrain> logger) : Grain, IRecordingGrain, IRemindable
{
    internal const string WatchReminderName = "recording-watch";

    private readonly RecordingOptions _options = options.Value;
    private readonly TimeSpan _reminderPeriod = lifecycle.Value.ReminderPeriod;
    private readonly EmptyActivationRetirement _retirement = new();

    private Guid RecordingId => this.GetPrimaryKey();

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<RecordingSnapshot> StartAsync(NewRecording recording)
    {
        if (state.State.Recording is { } existing)
        {
            return existing.SessionId == recording.SessionId && !existing.Deleted
                ? existing
                : throw new RoomcastException(ErrorKind.Conflict, "recording_exists", "A recording with this id exists.");
        }

        var now = Now;
        var key = RecordingSnapshot.StorageKeyFor(recording.SessionId, RecordingId);
        var starting = new RecordingSnapshot(RecordingId, recording.SessionId, recording.RoomId, recording.LibraryId,
            recording.OwnerId, recording.StartedBy, recording.Title, Description: null, RecordingStatus.Starting, key,
            EgressId: null, SizeBytes: null, DurationSeconds: null, StartedAt: null, EndedAt: null, ReadyAt: null, Error: null,
            ChangeSequence: 1, now, now, Deleted: false);
        await SaveAsync(starting);

        LiveKitEgressInfo info;
        try
        {
            info = await egresses.StartRoomCompositeFileAsync(LiveKitRoomNames.ForSession(recording.SessionId), FileOutput(key));
        }
        catch (Exception e) when (e is RoomcastException)
        {
            // Nothing half-started: the recording disappears, and the caller's retry starts afresh.
            await SaveAsync(Next(starting, r => r with { Deleted = true }));
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
            throw;
        }

        var report = EgressReports.From(info, recording.SessionId, now);
        var started = await ApplyReportAsync(Next(starting, r => r with { EgressId = info.EgressId }), report, force: true);
        LogStarted(RecordingId, recording.SessionId, info.EgressId);
        return started;
    }

    public Task<RecordingSnapshot> GetAsync()
    {
        if (state.State.Recording is { Deleted: false } recording)
        {
            return Task.FromResult(recording);
        }

        _retirement.Schedule(this);
        throw RecordingErrors.NotFound();
    }

    public async Task<RecordingSnapshot> StopAsync()
    {
        var recording = Require();
        if (!recording.IsActive)
        {
            return recording;
        }

        if (recording.EgressId is not { } egressId)
        {
            return await SaveAsync(Next(recording, r => r with
            {
                Status = RecordingStatus.Failed,
                EndedAt = Now,
                Error = "Stopped before LiveKit confirmed its egress.",
            }));
        }

        var info = await egresses.StopEgressAsync(egressId);
        var now = Now;
        var processing = await SaveAsync(Next(recording, r => r with { Status = RecordingStatus.Processing, EndedAt = r.EndedAt ?? now }));
        return info is null ? processing : await ApplyReportAsync(processing, EgressReports.From(info, recording.SessionId, now), force: false);
    }

    public async Task<RecordingSnapshot> UpdateAsync(RecordingPatch patch, long? expectedChangeSequence)
    {
        var recording = Require(expectedChangeSequence);
        var updated = recording with
        {
            Title = patch.Title ?? recording.Title,
            Description = patch.ClearDescription ? null : patch.Description ?? recording.Description,
        };
        return updated == recording ? recording : await SaveAsync(Next(updated, r => r));
    }

    public async Task DeleteAsync(long? expectedChangeSequence)
    {
        var recording = Require(expectedChangeSequence);
        if (recording.IsActive)
        {
            throw RecordingErrors.Active(recording);
        }

        // The file first: a recording whose file could not be deleted stays, and its delete can be retried.
        await storage.DeleteAsync(recording.StorageKey);
        await SaveAsync(Next(recording, r => r with { Deleted = true }));
        await this.UnregisterReminderIfAnyAsync(WatchReminderName);
        LogDeleted(RecordingId, recording.SessionId);
    }

    public Task<RecordingSnapshot> ApplyEgressAsync(EgressReport report)
    {
        var recording = Require();
        return recording.EgressId == report.EgressId
            ? ApplyReportAsync(recording, report, force: false)
            : throw new RoomcastException(ErrorKind.Conflict, "egress_mismatch", "The report is about another egress.");
    }

    public async Task<RecordingSnapshot> RetryAsync()
    {
        var recording = Require();
        if (recording.Status != RecordingStatus.Failed)
        {
            var status = RecordingErrors.Name(recording.Status);
            throw new RoomcastException(ErrorKind.Conflict, "recording_not_failed",
                $"Only a failed recording can be retried; this one is {status}.", [new FieldError("status", status)]);
        }

        LogRetried(RecordingId);
        return await FinishAsync(recording, duration: null, missingIsFailure: true);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchReminderName)
        {
            return;
        }

        if (state.State.Recording is not { Deleted: false } recording
            || recording.Status is RecordingStatus.Ready or RecordingStatus.Failed)
        {
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
            return;
        }

        try
        {
            await WatchAsync(recording);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable)
        {
            LogWatchDeferred(RecordingId, e.Message);
        }
    }

    private async Task WatchAsync(RecordingSnapshot recording)
    {
        var now = Now;
        if (recording.EgressId is not { } egressId)
        {
            if (now - recording.CreatedOn > _options.StartTimeout)
            {
                await SaveAsync(Next(recording, r => r with
                {
                    Status = RecordingStatus.Failed,
                    EndedAt = now,
                    Error = "LiveKit never confirmed the egress.",
                }));
            }

            return;
        }

        if (recording.IsActive && !await IsSessionLiveAsync(recording.SessionId))
        {
            await StopAsync();
            return;
        }

        if (now - (state.State.EgressReportedAt ?? recording.UpdatedOn) < _reminderPeriod)
        {
            return;
        }

        // Webhooks quiet for a whole period: ask LiveKit, in case one was lost.
        var known = await egresses.ListEgressAsync(LiveKitRoomNames.ForSession(recording.SessionId), egressId, activeOnly: false);
        if (known.FirstOrDefault(e => e.EgressId == egressId) is { } info)
        {
            var report = EgressReports.From(info, recording.SessionId, now);
            recording = await ApplyReportAsync(recording, report, force: false);
            if (recording.Status == RecordingStatus.Processing && !report.IsOver && now - (recording.EndedAt ?? now) > _options.ProcessingTimeout)
            {
                await FinishAsync(recording, duration: null, missingIsFailure: true);
            }
        }
        else
        {
            // LiveKit no longer knows it (it keeps finished egresses for a while only): the file decides.
            await FinishAsync(recording, duration: null, missingIsFailure: true);
        }
    }

    private async Task<RecordingSnapshot> ApplyReportAsync(RecordingSnapshot recording, EgressReport report, bool force)
    {
        if (!force && (state.State.EgressReportedAt > report.UpdatedAt || recording.Status is RecordingStatus.Ready))
        {
            return recording;
        }

        if (recording.Status == RecordingStatus.Failed && !report.IsOver)
        {
            return recording;
        }

        var next = report.Phase switch
        {
            EgressPhase.Starting => recording with { Status = RecordingStatus.Starting },
            EgressPhase.Active => recording with
            {
                Status = recording.Status == RecordingStatus.Processing ? RecordingStatus.Processing : RecordingStatus.Recording,
                StartedAt = recording.StartedAt ?? report.StartedAt ?? report.UpdatedAt,
            },
            EgressPhase.Ending => recording with { Status = RecordingStatus.Processing, EndedAt = recording.EndedAt ?? report.UpdatedAt },
            EgressPhase.Complete or EgressPhase.LimitReached => recording with
            {
                Status = RecordingStatus.Processing,
                StartedAt = recording.StartedAt ?? report.StartedAt,
                EndedAt = report.EndedAt ?? recording.EndedAt ?? report.UpdatedAt,
            },
            _ => recording with
            {
                Status = RecordingStatus.Failed,
                EndedAt = report.EndedAt ?? recording.EndedAt ?? report.UpdatedAt,
                Error = report.Error ?? $"The egress was {report.Phase.ToString().ToLowerInvariant()}.",
            },
        };

        var saved = next == recording
            ? await SaveAsync(recording, report.UpdatedAt)
            : await SaveAsync(Next(next, r => r), report.UpdatedAt);
        if (recording.Status != saved.Status)
        {
            LogStatus(RecordingId, recording.Status, saved.Status, report.EgressId, saved.Error);
        }

        return report.Phase is EgressPhase.Complete or EgressPhase.LimitReached
            ? await FinishAsync(saved, report.File?.DurationSeconds, missingIsFailure: true)
            : saved;
    }

    /// <summary>
    /// Ready when the file is in storage; when it is not, failed (or, when storage cannot be asked, left processing
    /// for the reminder to try again).
    /// </summary>
    private async Task<RecordingSnapshot> FinishAsync(RecordingSnapshot recording, double? duration, bool missingIsFailure)
    {
        StoredObject? file;
        try
        {
            file = await storage.StatAsync(recording.StorageKey);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable && recording.Status == RecordingStatus.Processing)
        {
            LogWatchDeferred(RecordingId, e.Message);
            return recording;
        }

        var now = Now;
        if (file is not null)
        {
            var ready = await SaveAsync(Next(recording, r => r with
            {
                Status = RecordingStatus.Ready,
                SizeBytes = file.SizeBytes,
                DurationSeconds = duration ?? r.DurationSeconds
                    ?? (r.StartedAt is { } started && r.EndedAt is { } ended ? (ended - started).TotalSeconds : null),
                ReadyAt = now,
                Error = null,
            }));
            LogStatus(RecordingId, recording.Status, ready.Status, recording.EgressId ?? "", null);
            return ready;
        }

        if (!missingIsFailure)
        {
            return recording;
        }

        var error = $"The egress finished but no file is at '{recording.StorageKey}' in {storage.Kind} storage.";
        if (recording.Status == RecordingStatus.Failed && recording.Error == error)
        {
            return recording;
        }

        var failed = await SaveAsync(Next(recording, r => r with { Status = RecordingStatus.Failed, EndedAt = r.EndedAt ?? now, Error = error }));
        LogStatus(RecordingId, recording.Status, failed.Status, recording.EgressId ?? "", error);
        return failed;
    }

    private async Task<bool> IsSessionLiveAsync(Guid sessionId)
    {
        try
        {
            return (await GrainFactory.GetGrain<ISessionGrain>(sessionId).GetAsync()).State == SessionState.Live;
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return false;
        }
    }

    private LiveKitFileOutput FileOutput(string key)
    {
        var target = storage.EgressTargetFor(key);
        return new LiveKitFileOutput(target.FilePath, target.S3.ToLiveKit());
    }

    private RecordingSnapshot Require(long? expectedChangeSequence = null)
    {
        if (state.State.Recording is not { Deleted: false } recording)
        {
            _retirement.Schedule(this);
            throw RecordingErrors.NotFound();
        }

        if (expectedChangeSequence is { } expected && expected != recording.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(expected, recording.ChangeSequence);
        }

        return recording;
    }

    private RecordingSnapshot Next(RecordingSnapshot recording, Func<RecordingSnapshot, RecordingSnapshot> change) =>
        change(recording) with { ChangeSequence = recording.ChangeSequence + 1, UpdatedOn = Now };

    /// <summary>Writes the recording (and its catalog row where storage does not write it), then arms or drops the reminder.</summary>
    private async Task<RecordingSnapshot> SaveAsync(RecordingSnapshot recording, DateTimeOffset? egressReportedAt = null)
    {
        var previous = state.State.Recording;
        var next = state.State with
        {
            Recording = recording,
            EgressReportedAt = egressReportedAt > state.State.EgressReportedAt || state.State.EgressReportedAt is null
                ? egressReportedAt ?? state.State.EgressReportedAt
                : state.State.EgressReportedAt,
        };
        if (next == state.State)
        {
            return recording;
        }

        await state.WriteOrRevertAsync(next, this);
        if (!catalog.WrittenWithGrainState)
        {
            await catalog.UpsertAsync(recording);
        }

        if (!outbox.WrittenWithGrainState && WebhookEvents.Of(state.State) is { } webhookEvent)
        {
            await outbox.AppendAsync(webhookEvent);
        }

        var settled = recording.Deleted || recording.Status is RecordingStatus.Ready or RecordingStatus.Failed;
        if (previous is null && !settled)
        {
            await this.RegisterOrUpdateReminder(WatchReminderName, _reminderPeriod, _reminderPeriod);
        }
        else if (settled && previous is { Deleted: false, Status: not (RecordingStatus.Ready or RecordingStatus.Failed) })
        {
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
        }
        else if (!settled && previous is { Status: RecordingStatus.Failed })
        {
            await this.RegisterOrUpdateReminder(WatchReminderName, _reminderPeriod, _reminderPeriod);
        }

        if (previous?.Status != recording.Status && !recording.Deleted)
        {
            await GrainFactory.PublishSessionEventAsync(recording.SessionId, SessionEventDraft.Of(SessionEventTypes.RecordingStatus, new
            {
                recording.Id,
                Status = RecordingErrors.Name(recording.Status),
                recording.Error,
            }), logger);
        }

        return recording;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingId} of session {SessionId} started: egress {EgressId}")]
    private partial void LogStarted(Guid recordingId, Guid sessionId, string egressId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingId}: {From} -> {To} (egress {EgressId}) {Error}")]
    private partial void LogStatus(Guid recordingId, RecordingStatus from, RecordingStatus to, string egressId, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingId} of session {SessionId} deleted with its file")]
    private partial void LogDeleted(Guid recordingId, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recording {RecordingId}: an admin retries it")]
    private partial void LogRetried(Guid recordingId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording {RecordingId}: a dependency is down ({Reason}); the reminder tries again")]
    private partial void LogWatchDeferred(Guid recordingId, string reason);
}
