using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Grains.Sessions;
using Roomcast.LiveKit;
using Roomcast.Media;
using Roomcast.Sessions;
using Roomcast.Storage;

namespace Roomcast.Grains.Media;

/// <summary>
/// A session's LiveKit room and HLS egresses. Not reentrant: two requests for the same egress run one after the
/// other, and the second finds the first's record. Before starting an egress it adopts a running one of the same
/// kind that LiveKit has for the room, so a start whose record was lost (a failed write, a silo lost mid-call) is
/// never followed by a second egress. A reminder, armed while an egress runs, stops egresses of a session that is
/// over and asks LiveKit about an egress whose webhooks have gone quiet.
/// </summary>
public sealed partial class SessionMediaGrain(
    [PersistentState("media", GrainStorage.Name)] IPersistentState<SessionMediaState> state,
    ILiveKitRoomService rooms,
    ILiveKitEgressService egresses,
    IRecordingStorage storage,
    IOptions<MediaOptions> options,
    IOptions<SessionLifecycleOptions> lifecycle,
    TimeProvider clock,
    ILogger<SessionMediaGrain> logger) : Grain, ISessionMediaGrain, IRemindable
{
    internal const string WatchReminderName = "media-watch";

    /// <summary>How long LiveKit keeps a room nobody is in (its own default is five minutes).</summary>
    private static readonly TimeSpan RoomEmptyTimeout = TimeSpan.FromMinutes(10);

    private readonly MediaOptions _options = options.Value;
    private readonly TimeSpan _reminderPeriod = lifecycle.Value.ReminderPeriod;
    private DateTimeOffset? _figuresRefreshedAt;
    private bool _watchReminderArmed;

    private Guid SessionId => this.GetPrimaryKey();

    private string Room => LiveKitRoomNames.ForSession(SessionId);

    private DateTimeOffset Now => clock.GetUtcNow();

    public async Task<SessionStream> GoLiveAsync()
    {
        var session = await GetSessionAsync();
        if (session.State is not (SessionState.Scheduled or SessionState.Live))
        {
            throw SessionErrors.IllegalTransition("go live with", session.State);
        }

        await EnsureRoomCompositeAsync();
        if (session.State == SessionState.Scheduled)
        {
            try
            {
                await GrainFactory.GetGrain<ISessionGrain>(SessionId).StartAsync(expectedChangeSequence: null);
            }
            catch (RoomcastException e) when (e.Code == "illegal_transition")
            {
                // Started by someone else in between is what was asked for; anything else is the caller's conflict.
                if ((await GetSessionAsync()).State != SessionState.Live)
                {
                    throw;
                }
            }
        }

        return Snapshot();
    }

    public async Task<SessionStream> EnsureHlsAsync()
    {
        await RequireLiveAsync("ensure the HLS egress of");
        await EnsureRoomCompositeAsync();
        return Snapshot();
    }

    public async Task<SessionStream> StartWebcamHlsAsync()
    {
        var session = await RequireLiveAsync("stream the webcam of");
        if (state.State.Webcam is { IsRunning: true })
        {
            return Snapshot();
        }

        var withRoom = await EnsureRoomAsync();
        var adopted = await FindRunningAsync(LiveKitEgressKind.TrackComposite);
        StreamEgress webcam;
        if (adopted is not null)
        {
            webcam = ToStreamEgress(adopted, StreamPaths.LivePlaylist(StreamPaths.WebcamFolder(SessionId)));
        }
        else
        {
            var (video, audio) = await FindHostTracksAsync(session.HostId);
            var info = await egresses.StartTrackCompositeHlsAsync(Room, video, audio, SegmentsOutput(StreamPaths.WebcamFolder(SessionId)));
            webcam = ToStreamEgress(info, StreamPaths.LivePlaylist(StreamPaths.WebcamFolder(SessionId)));
            LogEgressStarted(SessionId, "webcam", webcam.EgressId);
        }

        await SaveAsync(withRoom with { Webcam = webcam });
        return Snapshot();
    }

    public Task<SessionStream> GetStreamAsync() => Task.FromResult(Snapshot());

    public async Task<StreamHealth> GetHealthAsync()
    {
        var now = Now;
        var fresh = await RefreshFiguresAsync(now);
        var session = await GetSessionAsync();
        var audience = await GrainFactory.GetGrain<ISessionAudienceGrain>(SessionId).GetStatsAsync();
        var hls = state.State.Hls;
        double? segmentAge = hls is { Phase: EgressPhase.Active } ? (now - (hls.LastProgressAt ?? hls.StartedAt ?? hls.UpdatedAt)).TotalSeconds : null;
        long? bitrate = hls?.Segments is { DurationSeconds: > 0 } segments ? (long)(segments.SizeBytes * 8 / segments.DurationSeconds) : null;
        var (verdict, reason) = Judge(session, hls, segmentAge, fresh, now);
        return new StreamHealth(verdict, reason, Snapshot(), segmentAge is null ? null : Math.Max(0, segmentAge.Value), bitrate,
            audience.PresentViewers, fresh, now);
    }

    public async Task<bool> ApplyEgressAsync(EgressReport report)
    {
        var current = state.State;
        if (current.Hls?.EgressId == report.EgressId)
        {
            await ApplyAsync(current.Hls, report, (s, e) => s with { Hls = e });
            return true;
        }

        if (current.Webcam?.EgressId == report.EgressId)
        {
            await ApplyAsync(current.Webcam, report, (s, e) => s with { Webcam = e });
            return true;
        }

        return false;
    }

    public async Task ApplyRoomAsync(bool finished, DateTimeOffset at)
    {
        if (state.State.RoomEventAt > at)
        {
            return;
        }

        await SaveAsync(state.State with
        {
            RoomEventAt = at,
            RoomCreatedAt = finished ? state.State.RoomCreatedAt : state.State.RoomCreatedAt ?? at,
            RoomFinishedAt = finished ? at : null,
        });
    }

    public async Task SessionEndedAsync()
    {
        try
        {
            await StopRunningAsync("the session ended");
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable)
        {
            LogStopDeferred(SessionId, e.Message);
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchReminderName)
        {
            return;
        }

        _watchReminderArmed = true;
        if (!HasRunningEgress())
        {
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
            _watchReminderArmed = false;
            return;
        }

        SessionSnapshot? session;
        try
        {
            session = await GrainFactory.GetGrain<ISessionGrain>(SessionId).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            session = null;
        }

        if (session is not { State: SessionState.Live })
        {
            await StopRunningAsync(session is null ? "the session is gone" : $"the session is {session.State.ToString().ToLowerInvariant()}");
            return;
        }

        // Webhooks quiet for a whole period: ask LiveKit, in case one was lost.
        await RefreshFiguresAsync(Now, olderThan: _reminderPeriod);
    }

    private async Task EnsureRoomCompositeAsync()
    {
        if (state.State.Hls is { IsRunning: true })
        {
            return;
        }

        var withRoom = await EnsureRoomAsync();
        var playlist = StreamPaths.LivePlaylist(StreamPaths.HlsFolder(SessionId));
        var adopted = await FindRunningAsync(LiveKitEgressKind.RoomComposite);
        StreamEgress hls;
        if (adopted is not null)
        {
            hls = ToStreamEgress(adopted, playlist);
            LogEgressAdopted(SessionId, "hls", hls.EgressId);
        }
        else
        {
            hls = ToStreamEgress(await egresses.StartRoomCompositeHlsAsync(Room, SegmentsOutput(StreamPaths.HlsFolder(SessionId))), playlist);
            LogEgressStarted(SessionId, "hls", hls.EgressId);
        }

        await SaveAsync(withRoom with { Hls = hls });
    }

    /// <summary>
    /// Creates the LiveKit room (LiveKit answers an existing one as created) unless this grain made it and LiveKit has
    /// not closed it since; the state to save with it says it is open.
    /// </summary>
    private async Task<SessionMediaState> EnsureRoomAsync()
    {
        if (state.State.RoomCreatedAt is null || state.State.RoomFinishedAt is not null)
        {
            await rooms.CreateRoomAsync(new LiveKitRoomOptions(Room, RoomEmptyTimeout, MaxParticipants: 0, Metadata: null));
            return state.State with { RoomCreatedAt = Now, RoomFinishedAt = null };
        }

        return state.State;
    }

    /// <summary>A running egress of this kind LiveKit has for the room and that this grain may not know about.</summary>
    private async Task<LiveKitEgressInfo?> FindRunningAsync(LiveKitEgressKind kind)
    {
        var running = await egresses.ListEgressAsync(Room, egressId: null, activeOnly: true);
        // Only an HLS egress: a recording of the room (file output) writes no file until it ends, so an empty file list
        // proves nothing; the request LiveKit echoes says what the egress writes.
        return running.Where(e => e.Kind == kind && IsHls(e)
                && e.Status is LiveKitEgressStatus.Starting or LiveKitEgressStatus.Active or LiveKitEgressStatus.Unknown)
            .OrderBy(e => e.StartedAt ?? DateTimeOffset.MaxValue)
            .FirstOrDefault();
    }

    private static bool IsHls(LiveKitEgressInfo egress) =>
        egress.Outputs == LiveKitEgressOutputs.None
            ? egress.Files.Count == 0 && egress.Segments.Count > 0
            : egress.Outputs.HasFlag(LiveKitEgressOutputs.Segments) && !egress.Outputs.HasFlag(LiveKitEgressOutputs.File);

    private async Task<(string? Video, string? Audio)> FindHostTracksAsync(Guid hostId)
    {
        var participants = await rooms.ListParticipantsAsync(Room);
        var host = participants.FirstOrDefault(p => p.Identity == hostId.ToString("D"));
        var video = host?.Tracks.FirstOrDefault(t => t.Source == LiveKitTrackSources.ProtoName(LiveKitTrackSources.Camera));
        if (video is null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "host_camera_not_published",
                "The host publishes no camera in the session's LiveKit room; publish one, then start the webcam stream.");
        }

        var audio = host!.Tracks.FirstOrDefault(t => t.Source == LiveKitTrackSources.ProtoName(LiveKitTrackSources.Microphone));
        return (video.Sid, audio?.Sid);
    }

    private LiveKitSegmentsOutput SegmentsOutput(string folder)
    {
        var target = storage.EgressTargetFor($"{folder}/segment");
        return new LiveKitSegmentsOutput(target.FilePath, StreamPaths.PlaylistName, StreamPaths.LivePlaylistName,
            _options.HlsSegmentDuration, target.S3.ToLiveKit());
    }

    private StreamEgress ToStreamEgress(LiveKitEgressInfo info, string playlistPath)
    {
        var report = EgressReports.From(info, SessionId, Now);
        return new StreamEgress(report.EgressId, report.Phase, Now, report.UpdatedAt, report.StartedAt, report.EndedAt,
            report.Segments is { SegmentCount: > 0 } ? report.UpdatedAt : null, report.Segments, report.Error, playlistPath);
    }

    /// <summary>Applies a report unless an equally new or newer one was applied already.</summary>
    private async Task ApplyAsync(StreamEgress current, EgressReport report, Func<SessionMediaState, StreamEgress, SessionMediaState> place)
    {
        if (report.UpdatedAt < current.UpdatedAt || current.Phase.IsOver() && !report.IsOver)
        {
            return;
        }

        // LiveKit just told us: its figures are fresh, for the health check and for the reminder's quiet-webhook check.
        _figuresRefreshedAt = Now;
        var grew = report.Segments is { } segments && segments.SegmentCount > (current.Segments?.SegmentCount ?? 0);
        var next = current with
        {
            Phase = report.Phase,
            UpdatedAt = report.UpdatedAt,
            StartedAt = report.StartedAt ?? current.StartedAt,
            EndedAt = report.EndedAt ?? current.EndedAt,
            Segments = report.Segments ?? current.Segments,
            LastProgressAt = grew ? report.UpdatedAt : current.LastProgressAt,
            Error = report.Error ?? current.Error,
        };
        if (next == current)
        {
            return;
        }

        await SaveAsync(place(state.State, next));
        if (current.Phase != next.Phase)
        {
            LogEgressPhase(SessionId, next.EgressId, current.Phase, next.Phase, next.Error);
        }
    }

    /// <summary>
    /// Asks LiveKit for the running egresses' figures when they are older than <paramref name="olderThan"/> (the
    /// health check's interval by default); false when LiveKit could not be asked and the figures are the stored ones.
    /// </summary>
    private async Task<bool> RefreshFiguresAsync(DateTimeOffset now, TimeSpan? olderThan = null)
    {
        var maxAge = olderThan ?? _options.HealthRefreshInterval;
        if (!HasRunningEgress() || _figuresRefreshedAt is { } refreshed && now - refreshed < maxAge)
        {
            return true;
        }

        try
        {
            foreach (var egress in new[] { state.State.Hls, state.State.Webcam })
            {
                if (egress is { IsRunning: true })
                {
                    var known = await egresses.ListEgressAsync(Room, egress.EgressId, activeOnly: false);
                    var report = known.FirstOrDefault(e => e.EgressId == egress.EgressId) is { } info
                        ? EgressReports.From(info, SessionId, now)
                        : new EgressReport(egress.EgressId, SessionId, EgressPhase.Aborted, now, egress.StartedAt, now,
                            "LiveKit no longer knows this egress", File: null, Segments: null);
                    await ApplyEgressAsync(report);
                }
            }

            _figuresRefreshedAt = now;
            return true;
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.Unavailable)
        {
            LogRefreshFailed(SessionId, e.Message);
            return false;
        }
    }

    private async Task StopRunningAsync(string why)
    {
        foreach (var egress in new[] { state.State.Hls, state.State.Webcam })
        {
            if (egress is { IsRunning: true })
            {
                var now = Now;
                var info = await egresses.StopEgressAsync(egress.EgressId);
                var report = info is null
                    ? new EgressReport(egress.EgressId, SessionId, EgressPhase.Complete, now, egress.StartedAt, now, null, null, null)
                    : EgressReports.From(info, SessionId, now);
                // Stopped at our request: at least "ending", whatever an answer about the past says.
                await ApplyEgressAsync(report.Phase is EgressPhase.Starting or EgressPhase.Active
                    ? report with { Phase = EgressPhase.Ending, UpdatedAt = Max(report.UpdatedAt, egress.UpdatedAt) }
                    : report with { UpdatedAt = Max(report.UpdatedAt, egress.UpdatedAt) });
                LogEgressStopped(SessionId, egress.EgressId, why);
            }
        }

        if (!HasRunningEgress())
        {
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
            _watchReminderArmed = false;
        }
    }

    private (StreamVerdict, string) Judge(SessionSnapshot session, StreamEgress? hls, double? segmentAge, bool fresh, DateTimeOffset now)
    {
        if (session.State != SessionState.Live)
        {
            return (StreamVerdict.Down, $"The session is {session.State.ToString().ToLowerInvariant()}.");
        }

        if (hls is null)
        {
            return (StreamVerdict.Down, "No HLS egress: go live, or ensure the HLS egress.");
        }

        if (state.State.RoomFinishedAt is not null)
        {
            return (StreamVerdict.Down, "LiveKit closed the session's room.");
        }

        switch (hls.Phase)
        {
            case EgressPhase.Starting:
                var waiting = now - hls.RequestedAt;
                return waiting > _options.EgressStartTimeout
                    ? (StreamVerdict.Down, $"The HLS egress has not started in {waiting.TotalSeconds:0} s.")
                    : (StreamVerdict.Degraded, "The HLS egress is starting.");
            case EgressPhase.Active:
                break;
            default:
                var phase = hls.Phase.ToString().ToLowerInvariant();
                return (StreamVerdict.Down, hls.Error is null ? $"The HLS egress is {phase}." : $"The HLS egress is {phase}: {hls.Error}");
        }

        if (segmentAge > _options.SegmentSilenceTimeout.TotalSeconds)
        {
            return (StreamVerdict.Down, $"No new HLS segment for {segmentAge:0} s.");
        }

        if (segmentAge > 3 * _options.HlsSegmentDuration.TotalSeconds)
        {
            return (StreamVerdict.Degraded, $"No new HLS segment for {segmentAge:0} s.");
        }

        if (session.Meta.HealthCheck is { Status: not HealthStatus.Healthy } health)
        {
            return (StreamVerdict.Degraded, $"The host's connection is {health.Status.ToString().ToLowerInvariant()}.");
        }

        return fresh
            ? (StreamVerdict.Healthy, "The HLS egress is writing segments.")
            : (StreamVerdict.Degraded, "LiveKit could not be asked; the figures are the last ones it reported.");
    }

    private async Task SaveAsync(SessionMediaState next)
    {
        await state.WriteOrRevertAsync(next, this);
        if (HasRunningEgress() && !_watchReminderArmed)
        {
            await this.RegisterOrUpdateReminder(WatchReminderName, _reminderPeriod, _reminderPeriod);
            _watchReminderArmed = true;
        }
    }

    private async Task<SessionSnapshot> RequireLiveAsync(string action)
    {
        var session = await GetSessionAsync();
        return session.State == SessionState.Live ? session : throw SessionErrors.IllegalTransition(action, session.State);
    }

    private Task<SessionSnapshot> GetSessionAsync() => GrainFactory.GetGrain<ISessionGrain>(SessionId).GetAsync();

    private bool HasRunningEgress() => state.State.Hls is { IsRunning: true } || state.State.Webcam is { IsRunning: true };

    private SessionStream Snapshot() =>
        new(SessionId, Room, state.State.RoomCreatedAt, state.State.Hls, state.State.Webcam, state.State.RoomFinishedAt);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: started {Kind} egress {EgressId}")]
    private partial void LogEgressStarted(Guid sessionId, string kind, string egressId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: adopted the running {Kind} egress {EgressId} LiveKit already had")]
    private partial void LogEgressAdopted(Guid sessionId, string kind, string egressId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: egress {EgressId} {From} -> {To} {Error}")]
    private partial void LogEgressPhase(Guid sessionId, string egressId, EgressPhase from, EgressPhase to, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: stopped egress {EgressId} because {Why}")]
    private partial void LogEgressStopped(Guid sessionId, string egressId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: could not stop its egresses now ({Reason}); the media reminder tries again")]
    private partial void LogStopDeferred(Guid sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: could not refresh egress figures from LiveKit ({Reason})")]
    private partial void LogRefreshFailed(Guid sessionId, string reason);
}
