using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Grains.Sessions;
using Roomcast.Media;
using Roomcast.Recordings;
using Roomcast.Sessions;

namespace Roomcast.Grains.Recordings;

/// <summary>
/// The recordings of one session. The slot is taken (written) before the recording is started, so that a second
/// start, concurrent or after a silo loss, finds it; whether it is still held is the recording's own status, read
/// from the recording, so the recording never has to call back here.
/// </summary>
public sealed partial class SessionRecordingsGrain(
    [PersistentState("session-recordings", GrainStorage.Name)] IPersistentState<SessionRecordingsState> state,
    TimeProvider clock,
    ILogger<SessionRecordingsGrain> logger) : Grain, ISessionRecordingsGrain
{
    private Guid SessionId => this.GetPrimaryKey();

    public async Task<RecordingSnapshot> StartAsync(RecordingStart start)
    {
        var session = await GrainFactory.GetGrain<ISessionGrain>(SessionId).GetAsync();
        if (session.State != SessionState.Live)
        {
            throw SessionErrors.IllegalTransition("record", session.State);
        }

        if (!session.Settings.RecordingEnabled)
        {
            throw new RoomcastException(ErrorKind.Conflict, "recording_disabled",
                "Recording is off in this session's settings; turn settings.recording_enabled on first.");
        }

        if (await GetActiveAsync() is { } active)
        {
            throw new RoomcastException(ErrorKind.Conflict, "recording_in_progress",
                "The session is being recorded already; stop that recording first.", [new FieldError("recording_id", active.Id.ToString())]);
        }

        if (state.State.Recordings.Count >= ISessionRecordingsGrain.MaxPerSession)
        {
            throw new RoomcastException(ErrorKind.Conflict, "recording_limit_reached",
                $"A session can be recorded at most {ISessionRecordingsGrain.MaxPerSession} times.");
        }

        var recordingId = Guid.NewGuid();
        var taken = state.State with { SlotHolder = recordingId, Recordings = [.. state.State.Recordings, new(recordingId, null)] };
        await state.WriteOrRevertAsync(taken, this);

        RecordingSnapshot recording;
        try
        {
            var title = string.IsNullOrWhiteSpace(start.Title) ? $"{session.Name} ({clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC)" : start.Title;
            recording = await GrainFactory.GetGrain<IRecordingGrain>(recordingId).StartAsync(
                new NewRecording(SessionId, session.RoomId, session.LibraryId, session.HostId, start.StartedBy, title));
        }
        catch (RoomcastException)
        {
            await ReleaseAsync(recordingId);
            throw;
        }

        await state.WriteOrRevertAsync(state.State with
        {
            Recordings = [.. state.State.Recordings.Select(r => r.RecordingId == recordingId ? r with { EgressId = recording.EgressId } : r)],
        }, this);
        return recording;
    }

    public async Task<RecordingSnapshot> StopAsync()
    {
        if (await GetActiveAsync() is not { } active)
        {
            throw new RoomcastException(ErrorKind.Conflict, "no_active_recording", "The session is not being recorded.");
        }

        return await GrainFactory.GetGrain<IRecordingGrain>(active.Id).StopAsync();
    }

    public async Task<RecordingSnapshot?> GetActiveAsync()
    {
        if (state.State.SlotHolder is not { } holder)
        {
            return null;
        }

        try
        {
            var recording = await GrainFactory.GetGrain<IRecordingGrain>(holder).GetAsync();
            return recording.IsActive ? recording : null;
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    public async Task<bool> ApplyEgressAsync(EgressReport report)
    {
        var entry = state.State.Recordings.FirstOrDefault(r => r.EgressId == report.EgressId);
        if (entry is null)
        {
            // The start's last write may have failed after LiveKit accepted it: the slot holder knows its egress.
            if (await GetActiveAsync() is not { } active || active.EgressId != report.EgressId)
            {
                return false;
            }

            entry = new SessionRecordingEntry(active.Id, report.EgressId);
        }

        try
        {
            await GrainFactory.GetGrain<IRecordingGrain>(entry.RecordingId).ApplyEgressAsync(report);
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            // Deleted while its egress was still finishing (a processing recording may be deleted): the report is
            // about our egress and has nothing left to move; the file it may leave is an orphan for the cleanup.
            LogReportAfterDelete(SessionId, entry.RecordingId, report.EgressId, report.Phase);
        }

        return true;
    }

    public async Task SessionEndedAsync()
    {
        try
        {
            if (await GetActiveAsync() is { } active)
            {
                await GrainFactory.GetGrain<IRecordingGrain>(active.Id).StopAsync();
            }
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable)
        {
            LogStopDeferred(SessionId, e.Message);
        }
    }

    /// <summary>Gives the slot back after a start that left nothing behind; if this write fails too, the slot holder's "not found" frees it.</summary>
    private async Task ReleaseAsync(Guid recordingId)
    {
        try
        {
            await state.WriteOrRevertAsync(state.State with
            {
                SlotHolder = null,
                Recordings = [.. state.State.Recordings.Where(r => r.RecordingId != recordingId)],
            }, this);
        }
        catch (Exception e) when (e is StorageUnavailableException or Orleans.Storage.InconsistentStateException)
        {
            LogReleaseFailed(SessionId, recordingId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: egress {EgressId} reported {Phase} after its recording {RecordingId} was deleted; nothing to apply")]
    private partial void LogReportAfterDelete(Guid sessionId, Guid recordingId, string egressId, EgressPhase phase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: could not stop its recording now ({Reason}); the recording's reminder will")]
    private partial void LogStopDeferred(Guid sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: could not release the slot of recording {RecordingId} that did not start; it frees itself")]
    private partial void LogReleaseFailed(Guid sessionId, Guid recordingId);
}
