using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Roomcast.Audience;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Grains.Sessions;
using Roomcast.LiveKit;
using Roomcast.Sessions;

namespace Roomcast.Grains.Audience;

/// <summary>
/// The audience of one session: bans, admission with a LiveKit token, and attendance. The present set lives in
/// memory and mirrors the open rows of the attendance log, which is written first: a failed row write changes
/// nothing here, and a re-activation reads the open rows back. A timer closes the visits of people who fell silent;
/// a reminder, armed while anyone is present or a ban is timed, brings the grain back after the loss of its silo.
/// </summary>
public sealed partial class SessionAudienceGrain(
    [PersistentState("audience", GrainStorage.Name)] IPersistentState<SessionAudienceState> state,
    IAttendanceLog attendance,
    ILiveKitTokens liveKit,
    IOptions<AttendanceOptions> options,
    IOptions<SessionLifecycleOptions> lifecycle,
    TimeProvider clock,
    ILogger<SessionAudienceGrain> logger) : Grain, ISessionAudienceGrain, IRemindable
{
    internal const string WatchReminderName = "audience-watch";

    internal static readonly TimeSpan ViewerCountPace = TimeSpan.FromSeconds(1);

    /// <summary>How far a LiveKit event time (whole seconds, LiveKit's clock) may trail ours and still count as after a visit opened.</summary>
    internal static readonly TimeSpan RoomClockTolerance = TimeSpan.FromSeconds(5);

    private readonly AttendanceOptions _options = options.Value;
    private readonly TimeSpan _reminderPeriod = lifecycle.Value.ReminderPeriod;
    private readonly Dictionary<Guid, Presence> _present = [];

    // The time (LiveKit's clock) of the last room event applied per person: a late event of an earlier visit must not
    // undo a newer one. Kept for this activation, which lives while anyone is present (the presence timer keeps it);
    // after a re-activation a departure is judged against the visit's opening, and an arrival against the timeout.
    private readonly Dictionary<Guid, DateTimeOffset> _lastRoomEventAt = [];
    private int _presentViewers;
    private (int Viewers, DateTimeOffset? At) _peak;
    private IGrainTimer? _presenceTimer;
    private IGrainTimer? _banExpiryTimer;
    private IGrainTimer? _viewerCountTimer;
    private bool _watchReminderArmed;

    private Guid SessionId => this.GetPrimaryKey();

    private string Room => LiveKitRoomNames.ForSession(SessionId);

    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.EndedAt is null)
        {
            // Last seen "now": the in-memory times were lost with the previous activation, so everyone gets a
            // fresh timeout rather than being closed for a silence nobody observed.
            var now = Now;
            foreach (var record in await attendance.ListOpenAsync(SessionId))
            {
                Add(record.UserId, new Presence(record.DisplayName, record.Role, record.OpenSince ?? now, now));
            }
        }

        _peak = (state.State.PeakConcurrentViewers, state.State.PeakAt);
        if (_presentViewers > _peak.Viewers)
        {
            _peak = (_presentViewers, Now);
        }

        _watchReminderArmed = HasSomethingToWatch();
        ArmTimers();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await SavePeakAsync();
        }
        catch (Exception e) when (e is StorageUnavailableException or InconsistentStateException)
        {
            // Logged by storage; the peak is re-derived from who is present on the next activation.
        }
    }

    public async Task<AudienceAdmission> JoinAsync(AudienceJoin join)
    {
        var now = Now;
        if (state.State.EndedAt is not null)
        {
            throw AudienceErrors.NotLive(SessionState.Ended);
        }

        if (join.SessionState != SessionState.Live)
        {
            throw AudienceErrors.NotLive(join.SessionState);
        }

        if (ActiveBan(join.UserId, now) is { } ban)
        {
            throw AudienceErrors.Banned(ban);
        }

        if (_present.TryGetValue(join.UserId, out var presence))
        {
            _present[join.UserId] = presence with { LastSeenAt = now };
            return Admit(join.UserId.ToString(), join.DisplayName, join.Role, AudienceRights.Of(join.Role), rejoined: true);
        }

        if (join.Role == AttendeeRole.Viewer && join.MaxViewers is { } cap && _presentViewers >= cap)
        {
            throw AudienceErrors.SessionFull(cap);
        }

        await OpenVisitAsync(join.UserId, join.DisplayName, join.Role, now);
        return Admit(join.UserId.ToString(), join.DisplayName, join.Role, AudienceRights.Of(join.Role), rejoined: false);
    }

    public Task<AudienceAdmission> MonitorAsync(Guid userId, string displayName)
    {
        if (ActiveBan(userId, Now) is { } ban)
        {
            throw AudienceErrors.Banned(ban);
        }

        // Its own identity: LiveKit drops the older connection of an identity that connects twice, and a monitor
        // must not push its user's own seat out of the room.
        return Task.FromResult(Admit($"{userId:D}:monitor", displayName, AttendeeRole.Admin, AudienceRights.Monitor, rejoined: false));
    }

    public async Task<bool> LeaveAsync(Guid userId)
    {
        if (!_present.ContainsKey(userId))
        {
            return false;
        }

        await CloseAsync([new AttendanceDeparture(userId, Now)]);
        return true;
    }

    public Task ReportPresenceAsync(Guid userId, DateTimeOffset seenAt)
    {
        if (_present.TryGetValue(userId, out var presence) && seenAt > presence.LastSeenAt)
        {
            _present[userId] = presence with { LastSeenAt = seenAt };
        }

        return Task.CompletedTask;
    }

    public async Task<bool> RoomJoinedAsync(RoomArrival arrival)
    {
        var now = Now;
        if (IsStaleRoomEvent(arrival.UserId, arrival.OccurredAt))
        {
            return false;
        }

        if (_present.TryGetValue(arrival.UserId, out var presence))
        {
            var seenAt = arrival.OccurredAt < now ? arrival.OccurredAt : now;
            if (seenAt > presence.LastSeenAt)
            {
                _present[arrival.UserId] = presence with { LastSeenAt = seenAt };
            }

            _lastRoomEventAt[arrival.UserId] = arrival.OccurredAt;
            return true;
        }

        // An arrival older than the presence timeout says nothing about now (and may belong to a visit that is over).
        if (state.State.EndedAt is not null || arrival.SessionState != SessionState.Live
            || arrival.OccurredAt <= now - _options.PresenceTimeout || ActiveBan(arrival.UserId, now) is not null)
        {
            return false;
        }

        // As JoinAsync, without the capacity check: LiveKit already let them in with a token Roomcast issued.
        await OpenVisitAsync(arrival.UserId, arrival.DisplayName, arrival.Role, now);
        _lastRoomEventAt[arrival.UserId] = arrival.OccurredAt;
        LogReopenedFromRoom(SessionId, arrival.UserId);
        return true;
    }

    public async Task<bool> RoomLeftAsync(Guid userId, DateTimeOffset occurredAt)
    {
        if (IsStaleRoomEvent(userId, occurredAt))
        {
            return false;
        }

        if (!_present.TryGetValue(userId, out var presence))
        {
            _lastRoomEventAt[userId] = occurredAt;
            return false;
        }

        // With no room event of theirs in hand, a departure from before this visit opened belongs to an earlier one. The
        // visit's opening is on our clock and the event on LiveKit's, in whole seconds: hence the tolerance. Should it
        // close a visit that a quick rejoin opened, LiveKit's participant_joined of that rejoin reopens it.
        if (!_lastRoomEventAt.ContainsKey(userId) && occurredAt < presence.JoinedAt - RoomClockTolerance)
        {
            return false;
        }

        var now = Now;
        var leftAt = occurredAt > now ? now : occurredAt < presence.JoinedAt ? presence.JoinedAt : occurredAt;
        await CloseAsync([new AttendanceDeparture(userId, leftAt)]);
        _lastRoomEventAt[userId] = occurredAt;
        await StopWatchingIfIdleAsync();
        ArmTimers();
        return true;
    }

    public Task<bool> IsPresentAsync(Guid userId) => Task.FromResult(_present.ContainsKey(userId));

    public Task<AudienceStanding> GetStandingAsync(Guid userId) =>
        Task.FromResult(new AudienceStanding(ActiveBan(userId, Now), _present.ContainsKey(userId)));

    public Task<IReadOnlyList<ActiveViewer>> GetViewersAsync() =>
        Task.FromResult<IReadOnlyList<ActiveViewer>>(_present
            .Select(p => new ActiveViewer(p.Key, p.Value.DisplayName, p.Value.Role, p.Value.JoinedAt, p.Value.LastSeenAt))
            .ToList());

    public async Task<AudienceStats> GetStatsAsync()
    {
        var totals = await attendance.GetTotalsAsync(SessionId);
        var now = Now;
        var open = _present.Values
            .Where(p => p.Role == AttendeeRole.Viewer && now > p.JoinedAt)
            .Aggregate(TimeSpan.Zero, (sum, p) => sum + (now - p.JoinedAt));
        var total = TimeSpan.FromMilliseconds(totals.ClosedWatchedMilliseconds) + open;
        return new AudienceStats(
            totals.UniqueViewers,
            _presentViewers,
            _peak.Viewers,
            _peak.At,
            total,
            totals.UniqueViewers > 0 ? total / totals.UniqueViewers : TimeSpan.Zero);
    }

    public async Task SessionEndedAsync(DateTimeOffset endedAt)
    {
        if (state.State.EndedAt is not null)
        {
            return;
        }

        // Rows first: once the end is written, a re-activation no longer reads open rows back.
        if (_present.Count > 0)
        {
            await CloseAsync(_present.Keys.Select(id => new AttendanceDeparture(id, endedAt)).ToList());
        }

        await state.WriteOrRevertAsync(WithPeak(state.State) with { EndedAt = endedAt }, this);
        LogSessionEnded(SessionId, _peak.Viewers);
        await StopWatchingIfIdleAsync();
        ArmTimers();
    }

    public async Task<SessionBan> BanAsync(BanCommand command)
    {
        var now = Now;
        var ban = new SessionBan(command.UserId, command.Reason, command.BannedBy, now, now + command.Duration);
        if (ban.ExpiresAt is not null)
        {
            await EnsureWatchReminderAsync();
        }

        var bans = state.State.Bans.Where(b => b.UserId != command.UserId).Append(ban).ToList();
        await state.WriteOrRevertAsync(state.State with { Bans = bans }, this);
        LogBanned(SessionId, command.UserId, command.BannedBy, ban.ExpiresAt);
        await GrainFactory.PublishSessionEventAsync(SessionId, SessionEventDraft.Of(SessionEventTypes.ParticipantBanned,
            new { command.UserId, ban.ExpiresAt }, subject: command.UserId), logger);

        // The ban is in force from here (admission reads it in this grain's turns); closing the visit is bookkeeping
        // that a retried ban finishes if it fails now.
        if (_present.ContainsKey(command.UserId))
        {
            await CloseAsync([new AttendanceDeparture(command.UserId, now)]);
        }

        ArmTimers();
        return ban;
    }

    public async Task UnbanAsync(Guid userId)
    {
        if (ActiveBan(userId, Now) is null)
        {
            throw RoomcastException.NotFound("Ban");
        }

        await state.WriteOrRevertAsync(state.State with { Bans = state.State.Bans.Where(b => b.UserId != userId).ToList() }, this);
        LogUnbanned(SessionId, userId);
        await StopWatchingIfIdleAsync();
        ArmTimers();
    }

    public Task<IReadOnlyList<SessionBan>> GetBansAsync()
    {
        var now = Now;
        return Task.FromResult<IReadOnlyList<SessionBan>>(state.State.Bans.Where(b => b.IsActiveAt(now)).ToList());
    }

    public Task<SessionBan?> FindBanAsync(Guid userId) => Task.FromResult(ActiveBan(userId, Now));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchReminderName)
        {
            return;
        }

        _watchReminderArmed = true;
        await ExpireBansAsync();
        if (_present.Count > 0)
        {
            await EndIfSessionIsOverAsync();
            await CloseSilentAsync();
        }

        await StopWatchingIfIdleAsync();
        ArmTimers();
    }

    /// <summary>
    /// The session tells its audience when it ends, but without waiting for an answer (a session never waits on its
    /// audience, so the audience may call it): a notice lost with a silo is made good here, on the reminder's tick.
    /// </summary>
    private async Task EndIfSessionIsOverAsync()
    {
        DateTimeOffset? endedAt;
        try
        {
            var session = await GrainFactory.GetGrain<ISessionGrain>(SessionId).GetAsync();
            endedAt = session.State == SessionState.Live ? null : session.EndedAt ?? Now;
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            endedAt = Now;
        }

        if (endedAt is { } at)
        {
            await SessionEndedAsync(at);
        }
    }

    private async Task CloseSilentAsync()
    {
        var silentSince = Now - _options.PresenceTimeout;
        var silent = _present.Where(p => p.Value.LastSeenAt <= silentSince)
            .Select(p => new AttendanceDeparture(p.Key, p.Value.LastSeenAt))
            .ToList();
        if (silent.Count > 0)
        {
            await CloseAsync(silent);
            LogClosedSilent(SessionId, silent.Count);
        }
    }

    private async Task ExpireBansAsync()
    {
        var now = Now;
        var expired = state.State.Bans.Where(b => !b.IsActiveAt(now)).ToList();
        if (expired.Count == 0)
        {
            return;
        }

        await state.WriteOrRevertAsync(state.State with { Bans = state.State.Bans.Except(expired).ToList() }, this);
        foreach (var ban in expired)
        {
            LogBanExpired(SessionId, ban.UserId, ban.ExpiresAt!.Value, (now - ban.ExpiresAt.Value).TotalMilliseconds);
        }
    }

    /// <summary>Opens a visit in the log, then counts the person present here (a failed write changes nothing here).</summary>
    private async Task OpenVisitAsync(Guid userId, string displayName, AttendeeRole role, DateTimeOffset now)
    {
        // The alarm before the row it watches: an open row nobody would ever close is the one outcome to avoid.
        await EnsureWatchReminderAsync();
        await attendance.OpenAsync(new AttendanceVisit(SessionId, userId, displayName, role, now));
        Add(userId, new Presence(displayName, role, now, now));
        if (_presentViewers > _peak.Viewers)
        {
            _peak = (_presentViewers, now);
        }

        ArmTimers();
    }

    /// <summary>Closes visits in the log, then forgets them here: a failed write leaves them present, to be closed again.</summary>
    private async Task CloseAsync(IReadOnlyCollection<AttendanceDeparture> departures)
    {
        await attendance.CloseAsync(SessionId, departures);
        foreach (var departure in departures)
        {
            if (_present.Remove(departure.UserId, out var presence) && presence.Role == AttendeeRole.Viewer)
            {
                _presentViewers--;
                CountChanged();
            }
        }
    }

    private void Add(Guid userId, Presence presence)
    {
        _present[userId] = presence;
        if (presence.Role == AttendeeRole.Viewer)
        {
            _presentViewers++;
            CountChanged();
        }
    }

    /// <summary>
    /// The stream hears the head count at most once per <see cref="ViewerCountPace"/>: a thousand joins in a second are
    /// one event, not a thousand.
    /// </summary>
    private void CountChanged()
    {
        _viewerCountTimer ??= this.RegisterGrainTimer(PublishViewerCountAsync, new GrainTimerCreationOptions
        {
            DueTime = ViewerCountPace,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    private async Task PublishViewerCountAsync(CancellationToken cancellationToken)
    {
        _viewerCountTimer?.Dispose();
        _viewerCountTimer = null;
        await SavePeakAsync();
        await GrainFactory.PublishSessionEventAsync(SessionId, SessionEventDraft.Of(SessionEventTypes.Viewers,
            new { PresentViewers = _presentViewers, PeakConcurrentViewers = _peak.Viewers }), logger);
    }

    private AudienceAdmission Admit(string identity, string displayName, AttendeeRole role, AudienceRights rights, bool rejoined)
    {
        var token = liveKit.Issue(
            new LiveKitParticipant(identity, displayName),
            new LiveKitVideoGrant(Room, RoomJoin: true, rights.CanPublish, rights.CanSubscribe, rights.CanPublishData, rights.Hidden));
        return new AudienceAdmission(token.Jwt, token.ExpiresAt, liveKit.Url, Room, identity, role, rights, rejoined);
    }

    /// <summary>
    /// The peak is a statistic, not an admission: it is saved at the viewer-count pace, at the end and on deactivation,
    /// not in every join's turn. A silo lost before it is saved costs at most one pace of growth, and a re-activation
    /// never reports less than the people it finds present.
    /// </summary>
    private async Task SavePeakAsync()
    {
        if (_peak.Viewers > state.State.PeakConcurrentViewers)
        {
            await state.WriteOrRevertAsync(WithPeak(state.State), this);
        }
    }

    private SessionAudienceState WithPeak(SessionAudienceState current) =>
        _peak.Viewers > current.PeakConcurrentViewers ? current with { PeakConcurrentViewers = _peak.Viewers, PeakAt = _peak.At } : current;

    private SessionBan? ActiveBan(Guid userId, DateTimeOffset now) =>
        state.State.Bans.FirstOrDefault(b => b.UserId == userId && b.IsActiveAt(now));

    private bool IsStaleRoomEvent(Guid userId, DateTimeOffset occurredAt) =>
        _lastRoomEventAt.TryGetValue(userId, out var last) && occurredAt < last;

    private bool HasSomethingToWatch() => _present.Count > 0 || state.State.Bans.Any(b => b.ExpiresAt is not null);

    private async Task EnsureWatchReminderAsync()
    {
        if (!_watchReminderArmed)
        {
            await this.RegisterOrUpdateReminder(WatchReminderName, _reminderPeriod, _reminderPeriod);
            _watchReminderArmed = true;
        }
    }

    private async Task StopWatchingIfIdleAsync()
    {
        if (_watchReminderArmed && !HasSomethingToWatch())
        {
            await this.UnregisterReminderIfAnyAsync(WatchReminderName);
            _watchReminderArmed = false;
        }
    }

    private void ArmTimers()
    {
        if (_present.Count > 0)
        {
            // Keeps the activation (and the last-seen times only it holds) alive while anyone is present.
            _presenceTimer ??= this.RegisterGrainTimer(OnPresenceTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = _options.PresenceCheckInterval,
                Period = _options.PresenceCheckInterval,
                KeepAlive = true,
            });
        }
        else
        {
            _presenceTimer?.Dispose();
            _presenceTimer = null;
        }

        _banExpiryTimer?.Dispose();
        _banExpiryTimer = null;

        // Only a near expiry gets a timer; the reminder ticks at least once a period and re-arms it.
        if (state.State.Bans.Where(b => b.ExpiresAt is not null).Min(b => b.ExpiresAt) is { } next
            && next - Now is var due && due <= _reminderPeriod)
        {
            _banExpiryTimer = this.RegisterGrainTimer(OnBanExpiryTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Period = Timeout.InfiniteTimeSpan,
            });
        }
    }

    private async Task OnPresenceTimerAsync(CancellationToken cancellationToken)
    {
        await CloseSilentAsync();
        await StopWatchingIfIdleAsync();
        ArmTimers();
    }

    private async Task OnBanExpiryTimerAsync(CancellationToken cancellationToken)
    {
        await ExpireBansAsync();
        await StopWatchingIfIdleAsync();
        ArmTimers();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: {UserId} banned by {BannedBy} until {ExpiresAt}")]
    private partial void LogBanned(Guid sessionId, Guid userId, Guid bannedBy, DateTimeOffset? expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: {UserId} unbanned")]
    private partial void LogUnbanned(Guid sessionId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: ban of {UserId} due {ExpiresAt} expired {LatenessMs} ms late")]
    private partial void LogBanExpired(Guid sessionId, Guid userId, DateTimeOffset expiresAt, double latenessMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: closed the visits of {Count} people silent beyond the presence timeout")]
    private partial void LogClosedSilent(Guid sessionId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: {UserId} is in the LiveKit room with no open visit; reopened their attendance")]
    private partial void LogReopenedFromRoom(Guid sessionId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} ended: attendance closed, peak {Peak} viewers")]
    private partial void LogSessionEnded(Guid sessionId, int peak);
}
