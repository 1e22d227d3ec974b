using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Audience;
using Roomcast.Catalog;
using Roomcast.Errors;
using Roomcast.Events;
using Roomcast.Grains.Events;
using Roomcast.Grains.Rooms;
using Roomcast.Grains.Telemetry;
using Roomcast.Media;
using Roomcast.Recordings;
using Roomcast.Reminders;
using Roomcast.Rooms;
using Roomcast.Sessions;
using Roomcast.Webhooks;
using Roomcast.Grains.Webhooks;

namespace Roomcast.Grains.Sessions;

/// <summary>
/// The lifecycle of one session. Deadlines (<c>meta.expires</c>) live in grain state; a durable reminder
/// wakes the grain shortly before one falls due, and a grain timer acts at the exact time. A live session
/// also runs a health-check timer that ends it when its host goes silent.
/// </summary>
public sealed partial class SessionGrain(
    [PersistentState("session", GrainStorage.Name)] IPersistentState<SessionGrainState> state,
    ISessionCatalog catalog,
    IWebhookOutbox outbox,
    IOptions<SessionLifecycleOptions> options,
    TimeProvider clock,
    RoomcastMetrics metrics,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain, IRemindable
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    internal const string DeadlineReminderName = "session-deadline";

    /// <summary>
    /// A second alarm, <see cref="FailoverDelay"/> after the deadline, for the loss of the silo in the last seconds
    /// before it: the grain's timer dies with the silo, and the deadline reminder's tick at the deadline is lost too
    /// (Orleans skips a tick it could not deliver, or that passed before a survivor took the reminder over, to the
    /// next period). This one is still ahead when the survivor has taken over.
    /// </summary>
    internal const string FailoverReminderName = "session-deadline-failover";

    /// <summary>Failure detection with production's membership settings (about 2-6 s, <c>ClusterFailoverOptions</c>) plus slack.</summary>
    internal static readonly TimeSpan FailoverDelay = TimeSpan.FromSeconds(10);
    private const int SchemaVersion = 1;

    /// <summary>Co-hosts and moderators together: enough for any panel, small enough to authorize from the snapshot.</summary>
    public const int MaxParticipants = 50;

    private readonly SessionLifecycleOptions _options = options.Value;
    private IGrainTimer? _deadlineTimer;
    private IGrainTimer? _healthCheckTimer;
    private bool _failoverReminderArmed;
    private DateTimeOffset? _persistedHostSignalAt;

    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Session is not { Deleted: false } session)
        {
            return;
        }

        _persistedHostSignalAt = session.Meta.HealthCheck.LastHostSignalAt;
        if (!await ApplyDueDeadlineAsync())
        {
            ArmTimers(Current);
        }
    }

    public async Task<SessionSnapshot> CreateAsync(CreateSessionCommand command)
    {
        if (state.State.Session is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The session already exists.");
        }

        var now = Now;
        var maxDuration = command.MaxDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : _options.MaxDuration;
        if (maxDuration < TimeSpan.FromSeconds(1) || maxDuration > _options.MaxDuration)
        {
            throw RoomcastException.Invalid("max_duration_seconds",
                $"Must be between 1 and {(int)_options.MaxDuration.TotalSeconds} seconds.");
        }

        var session = new SessionSnapshot(
            Id: this.GetPrimaryKey(),
            RoomId: command.RoomId,
            HostId: command.HostId,
            Name: command.Name,
            Description: command.Description,
            Type: command.Type,
            State: SessionState.Scheduled,
            Visibility: command.Visibility,
            ScheduledAt: command.ScheduledAt,
            StartedAt: null,
            EndedAt: null,
            EndReason: null,
            DurationSeconds: 0,
            Settings: command.Settings,
            Config: new SessionConfig((int)maxDuration.TotalSeconds, command.RemoveMedia),
            Sources: [],
            Meta: new SessionMeta(ExpiryOf(command.ScheduledAt), HealthCheck.Idle, WorkerState.Idle),
            Product: command.Product,
            CreatedBy: command.CreatedBy,
            Version: SchemaVersion,
            ChangeSequence: 1,
            CreatedOn: now,
            UpdatedOn: now,
            Deleted: false,
            LibraryId: command.LibraryId,
            Participants: []);

        await SaveAsync(session);
        LogCreated(session.Id, session.RoomId, session.ScheduledAt);
        return session;
    }

    public Task<SessionSnapshot> GetAsync() => Task.FromResult(WithLiveDuration(Existing()));

    public Task<SessionSnapshot> RenameAsync(string name, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session => session with { Name = name });

    public Task<SessionSnapshot> RescheduleAsync(DateTimeOffset scheduledAt, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "reschedule", SessionState.Scheduled);
            return session with
            {
                ScheduledAt = scheduledAt,
                Meta = session.Meta with { Expires = ExpiryOf(scheduledAt) },
            };
        });

    public Task<SessionSnapshot> UpdateSettingsAsync(SessionSettingsPatch patch, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "change the settings of", SessionState.Scheduled, SessionState.Live);
            return session with { Settings = patch.ApplyTo(session.Settings) };
        });

    public Task<SessionSnapshot> StartAsync(long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "start", SessionState.Scheduled);
            var now = Now;
            if (state.State.DeletionReservedUntil > now)
            {
                throw new RoomcastException(ErrorKind.Conflict, "room_being_deleted", "The session's room is being deleted.");
            }

            return session with
            {
                State = SessionState.Live,
                StartedAt = now,
                Meta = new SessionMeta(
                    now + TimeSpan.FromSeconds(session.Config.MaxDurationSeconds),
                    new HealthCheck(HealthStatus.Healthy, now, now, null),
                    WorkerState.Working),
            };
        });

    public Task<SessionSnapshot> EndAsync(long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "end", SessionState.Live);
            return Finish(session, SessionState.Ended, EndReason.HostEnded);
        });

    public Task<SessionSnapshot> CancelAsync(long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "cancel", SessionState.Scheduled);
            return Finish(session, SessionState.Cancelled, EndReason.Cancelled);
        });

    public async Task DeleteAsync(long? expectedChangeSequence)
    {
        await MutateAsync(expectedChangeSequence, session =>
        {
            if (session.State == SessionState.Live)
            {
                throw SessionErrors.IllegalTransition("delete", session.State);
            }

            return session with { Deleted = true, Meta = session.Meta with { Expires = null } };
        });
        LogDeleted(this.GetPrimaryKey());
        DeactivateOnIdle();
    }

    public async Task ReserveForDeletionAsync(DateTimeOffset until)
    {
        await ApplyDueDeadlineAsync();
        if (state.State.Session is not { Deleted: false } session)
        {
            return;
        }

        if (session.State == SessionState.Live)
        {
            throw RoomErrors.HasLiveSessions("A session of the room is live; end it first.");
        }

        await state.WriteOrRevertAsync(state.State with { DeletionReservedUntil = until }, this);
    }

    public async Task ReleaseDeletionReservationAsync()
    {
        if (state.State.DeletionReservedUntil is not null)
        {
            await state.WriteOrRevertAsync(state.State with { DeletionReservedUntil = null }, this);
        }
    }

    public async Task<HealthCheck> HeartbeatAsync()
    {
        await ApplyDueDeadlineAsync();
        var session = Existing();
        RequireState(session, "send a heartbeat to", SessionState.Live);
        await RecordHostSignalAsync(session);
        return Current.Meta.HealthCheck;
    }

    public async Task<SessionSnapshot> ChangeHostMediaAsync(MediaStateChange change)
    {
        if (change.OccurredAt is { } occurredAt && state.State.Session is { Deleted: false } current
            && current.Sources.FirstOrDefault(s => s.Type == change.Kind) is { } known
            && known.ChangedAt > occurredAt)
        {
            return WithLiveDuration(Current);
        }

        var updated = await MutateAsync(null, session =>
        {
            RequireState(session, "change host media of", SessionState.Scheduled, SessionState.Live);
            return session with { Sources = WithSource(session.Sources, change) };
        });
        if (updated.State == SessionState.Live)
        {
            await RecordHostSignalAsync(updated);
        }

        return WithLiveDuration(Current);
    }

    public Task<SessionSnapshot> AddParticipantAsync(Guid userId, SessionRole role, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            RequireState(session, "add participants to", SessionState.Scheduled, SessionState.Live);
            if (userId == session.HostId)
            {
                throw RoomcastException.Invalid("user_id", "is the session's host, who holds every right already");
            }

            var others = session.Participants.Where(p => p.UserId != userId).ToList();
            if (others.Count >= MaxParticipants)
            {
                throw new RoomcastException(ErrorKind.Conflict, "too_many_participants",
                    $"A session has at most {MaxParticipants} co-hosts and moderators.");
            }

            return session with { Participants = [.. others, new SessionParticipant(userId, role, Now)] };
        });

    public Task<SessionSnapshot> RemoveParticipantAsync(Guid userId, SessionRole role, long? expectedChangeSequence) =>
        MutateAsync(expectedChangeSequence, session =>
        {
            if (!session.Participants.Any(p => p.UserId == userId && p.Role == role))
            {
                throw RoomcastException.NotFound("Participant");
            }

            return session with { Participants = session.Participants.Where(p => p.UserId != userId).ToList() };
        });

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName is not (DeadlineReminderName or FailoverReminderName))
        {
            return;
        }

        if (state.State.Session is not { Deleted: false, Meta.Expires: not null })
        {
            // Registered before a state write that never happened, or left over from a finished session.
            _failoverReminderArmed |= reminderName == FailoverReminderName;
            await UnregisterDeadlineReminderAsync();
            return;
        }

        if (await ApplyDueDeadlineAsync())
        {
            return;
        }

        ArmTimers(Current);
        if (reminderName == FailoverReminderName)
        {
            // Not due (the deadline moved since): the deadline reminder watches the new one.
            await this.UnregisterReminderIfAnyAsync(FailoverReminderName);
            _failoverReminderArmed = false;
            return;
        }

        if (Current.Meta.Expires is { } deadline && deadline - Now < _options.ReminderPeriod)
        {
            // The next periodic tick would come after the deadline: move it onto the deadline, so that if this
            // silo is lost before its timer fires, the survivor's reminder acts on time instead of a period late.
            await this.RegisterOrUpdateReminder(DeadlineReminderName, deadline - Now, _options.ReminderPeriod);
            if (FailoverDelay < _options.ReminderPeriod)
            {
                // If the silo is lost only seconds before the deadline, that tick is lost as well: see FailoverReminderName.
                await this.RegisterOrUpdateReminder(FailoverReminderName, deadline - Now + FailoverDelay, _options.ReminderPeriod);
                _failoverReminderArmed = true;
            }
        }
    }

    private async Task<SessionSnapshot> MutateAsync(long? expectedChangeSequence, Func<SessionSnapshot, SessionSnapshot> change)
    {
        await ApplyDueDeadlineAsync();
        var current = Existing();
        if (expectedChangeSequence is { } expected && expected != current.ChangeSequence)
        {
            throw RoomcastException.StaleChangeSequence(expected, current.ChangeSequence);
        }

        var updated = change(current) with { ChangeSequence = current.ChangeSequence + 1, UpdatedOn = Now };
        await SaveAsync(updated);
        return WithLiveDuration(updated);
    }

    /// <summary>
    /// Persists a new version of the session and its catalog row, then re-arms what watches it. The alarm
    /// for a new deadline is set before the state is written: a reminder without a deadline is harmless
    /// (it unregisters itself), a deadline without a reminder would never fire.
    /// </summary>
    private async Task SaveAsync(SessionSnapshot updated)
    {
        var previous = state.State.Session;
        var deadlineChanged = previous?.Meta.Expires != updated.Meta.Expires || previous?.State != updated.State;
        if (deadlineChanged && updated.Meta.Expires is not null)
        {
            await RegisterDeadlineReminderAsync(updated);
        }

        await state.WriteOrRevertAsync(state.State with { Session = updated }, this);
        if (!catalog.WrittenWithGrainState)
        {
            await catalog.UpsertAsync(updated);
        }

        if (!outbox.WrittenWithGrainState && WebhookEvents.Of(state.State) is { } webhookEvent)
        {
            await outbox.AppendAsync(webhookEvent);
        }

        if (deadlineChanged && updated.Meta.Expires is null)
        {
            await UnregisterDeadlineReminderAsync();
        }

        ArmTimers(updated);
        if (previous is null || previous.State != updated.State || previous.ScheduledAt != updated.ScheduledAt
            || previous.Deleted != updated.Deleted)
        {
            // Not awaited: the reminder grain reads the session itself, and its own reminder recovers a lost notice.
            GrainFactory.GetGrain<ISessionReminderGrain>(updated.Id).SessionChangedAsync().Ignore();
        }

        if (previous is not null && previous.State != updated.State)
        {
            LogStateChanged(updated.Id, previous.State, updated.State, updated.EndReason);
            metrics.SessionTransitioned(previous.State, updated.State);
            GrainFactory.GetGrain<IRoomGrain>(updated.RoomId).OnSessionStateChangedAsync(updated.Id, updated.State).Ignore();
            await GrainFactory.PublishSessionEventAsync(updated.Id, SessionEventDraft.Of(SessionEventTypes.SessionState, new
            {
                State = updated.State.ToString().ToLowerInvariant(),
                updated.StartedAt,
                updated.EndedAt,
                EndReason = updated.EndReason is { } reason ? JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString()) : null,
            }) with { SessionOver = updated.State is SessionState.Ended or SessionState.Expired or SessionState.Cancelled }, logger);
            if (updated is { State: SessionState.Ended, EndedAt: { } endedAt })
            {
                // Not awaited: a session never waits on its audience (which reads the session); the audience's
                // reminder notices an end whose notice was lost.
                GrainFactory.GetGrain<ISessionAudienceGrain>(updated.Id).SessionEndedAsync(endedAt).Ignore();
                GrainFactory.GetGrain<ISessionMediaGrain>(updated.Id).SessionEndedAsync().Ignore();
                GrainFactory.GetGrain<ISessionRecordingsGrain>(updated.Id).SessionEndedAsync().Ignore();
            }
        }
    }

    /// <summary>Acts on a deadline that has passed; returns whether it did.</summary>
    private async Task<bool> ApplyDueDeadlineAsync()
    {
        if (state.State.Session is not { Deleted: false, Meta.Expires: { } deadline } session || Now < deadline)
        {
            return false;
        }

        var lateness = Now - deadline;
        var finished = session.State switch
        {
            SessionState.Scheduled => Finish(session, SessionState.Expired, EndReason.NotStarted),
            SessionState.Live => Finish(session, SessionState.Ended, EndReason.MaxDuration),
            _ => session with { Meta = session.Meta with { Expires = null } },
        };
        await SaveAsync(finished with { ChangeSequence = session.ChangeSequence + 1, UpdatedOn = Now });
        LogDeadlineApplied(session.Id, session.State, deadline, lateness.TotalMilliseconds);
        metrics.DeadlineFired(session.State, lateness);
        return true;
    }

    private async Task CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (state.State.Session is not { State: SessionState.Live } session)
        {
            return;
        }

        var now = Now;
        var lastSignal = session.Meta.HealthCheck.LastHostSignalAt ?? session.StartedAt ?? now;
        var silence = now - lastSignal;
        if (silence >= _options.HostDepartureTimeout)
        {
            var ended = Finish(session, SessionState.Ended, EndReason.HostDeparted);
            ended = ended with
            {
                Meta = ended.Meta with
                {
                    HealthCheck = new HealthCheck(HealthStatus.HostDeparted, now, lastSignal,
                        $"No host signal for {(int)silence.TotalSeconds} s."),
                },
                ChangeSequence = session.ChangeSequence + 1,
                UpdatedOn = now,
            };
            await SaveAsync(ended);
            metrics.HealthCheckEnded();
            return;
        }

        var status = silence > 2 * _options.HealthCheckInterval ? HealthStatus.HostSilent : HealthStatus.Healthy;
        var reason = status == HealthStatus.HostSilent ? $"No host signal for {(int)silence.TotalSeconds} s." : null;
        var next = state.State with
        {
            Session = session with { Meta = session.Meta with { HealthCheck = new HealthCheck(status, now, lastSignal, reason) } },
        };

        // Status changes are worth a write; a routine tick is not (GET reads the in-memory state, and the time of
        // the last check is all it would change).
        if (status != session.Meta.HealthCheck.Status)
        {
            await state.WriteOrRevertAsync(next, this);
        }
        else
        {
            state.State = next;
        }
    }

    /// <summary>
    /// Notes a host signal in memory, and persists it when the stored one is older than half the departure
    /// timeout: often enough that a session re-activated after a silo loss does not end a present host,
    /// rarely enough that heartbeats are not a write each.
    /// </summary>
    private async Task RecordHostSignalAsync(SessionSnapshot session)
    {
        var now = Now;
        var next = state.State with
        {
            Session = session with { Meta = session.Meta with { HealthCheck = new HealthCheck(HealthStatus.Healthy, now, now, null) } },
        };
        if (_persistedHostSignalAt is not { } persisted || now - persisted >= _options.HostDepartureTimeout / 2)
        {
            await state.WriteOrRevertAsync(next, this);
            _persistedHostSignalAt = now;
        }
        else
        {
            state.State = next;
        }
    }

    private void ArmTimers(SessionSnapshot session)
    {
        _deadlineTimer?.Dispose();
        _deadlineTimer = null;

        // A far deadline is left to the reminder, which always ticks within this horizon of it and re-arms:
        // an idle activation then holds no timer at all.
        if (session is { Deleted: false, Meta.Expires: { } deadline } && deadline - Now is var due
            && due <= _options.ReminderLead + _options.ReminderPeriod)
        {
            _deadlineTimer = this.RegisterGrainTimer(OnDeadlineTimerAsync, new GrainTimerCreationOptions
            {
                DueTime = due < TimeSpan.Zero ? TimeSpan.Zero : due,
                Period = Timeout.InfiniteTimeSpan,
            });
        }

        if (session is { Deleted: false, State: SessionState.Live })
        {
            _healthCheckTimer ??= this.RegisterGrainTimer(CheckHealthAsync, new GrainTimerCreationOptions
            {
                DueTime = _options.HealthCheckInterval,
                Period = _options.HealthCheckInterval,
                KeepAlive = true,
            });
        }
        else
        {
            _healthCheckTimer?.Dispose();
            _healthCheckTimer = null;
        }
    }

    private async Task OnDeadlineTimerAsync(CancellationToken cancellationToken)
    {
        if (!await ApplyDueDeadlineAsync() && state.State.Session is { } session)
        {
            ArmTimers(session);
        }
    }

    /// <summary>
    /// A scheduled session is woken shortly before it expires. A live one is woken every reminder period, so
    /// that after the loss of its silo it is re-activated elsewhere and its health check resumes.
    /// </summary>
    private Task RegisterDeadlineReminderAsync(SessionSnapshot session)
    {
        var untilWake = session.Meta.Expires!.Value - Now - _options.ReminderLead;
        var dueTime = session.State == SessionState.Live || untilWake < _options.ReminderPeriod
            ? Min(_options.ReminderPeriod, Max(untilWake, TimeSpan.Zero))
            : untilWake;
        return this.RegisterOrUpdateReminder(DeadlineReminderName, dueTime, _options.ReminderPeriod);
    }

    private async Task UnregisterDeadlineReminderAsync()
    {
        await this.UnregisterReminderIfAnyAsync(DeadlineReminderName);

        // Only when this activation set it (a lookup costs a read of the reminder table): one set by an activation
        // that was lost fires once, finds no deadline and removes itself here.
        if (_failoverReminderArmed)
        {
            await this.UnregisterReminderIfAnyAsync(FailoverReminderName);
            _failoverReminderArmed = false;
        }
    }

    private SessionSnapshot Finish(SessionSnapshot session, SessionState finalState, EndReason reason)
    {
        var now = Now;
        return session with
        {
            State = finalState,
            EndedAt = now,
            EndReason = reason,
            DurationSeconds = session.StartedAt is { } started ? (long)(now - started).TotalSeconds : 0,
            Meta = session.Meta with
            {
                Expires = null,
                WorkerState = WorkerState.Stopped,
                HealthCheck = session.Meta.HealthCheck with
                {
                    Status = HealthStatus.Idle,
                    Reason = reason == EndReason.HostDeparted ? "host_departed" : session.Meta.HealthCheck.Reason,
                },
            },
        };
    }

    private SessionSnapshot WithLiveDuration(SessionSnapshot session) =>
        session is { State: SessionState.Live, StartedAt: { } started }
            ? session with { DurationSeconds = (long)(Now - started).TotalSeconds }
            : session;

    private DateTimeOffset ExpiryOf(DateTimeOffset scheduledAt) => scheduledAt + _options.StartGrace;

    private SessionSnapshot Existing()
    {
        if (state.State.Session is { Deleted: false } session)
        {
            return session;
        }

        // A lookup of a session that does not exist (any caller can guess ids) leaves no activation behind.
        _emptyRetirement.Schedule(this);
        throw RoomcastException.NotFound("Session");
    }

    private SessionSnapshot Current => state.State.Session!;

    private static void RequireState(SessionSnapshot session, string action, params SessionState[] allowed)
    {
        if (!allowed.Contains(session.State))
        {
            throw SessionErrors.IllegalTransition(action, session.State);
        }
    }

    private IReadOnlyList<MediaSource> WithSource(IReadOnlyList<MediaSource> sources, MediaStateChange change)
    {
        var existing = sources.FirstOrDefault(s => s.Type == change.Kind);
        var source = new MediaSource(
            existing?.Id ?? Guid.NewGuid().ToString(),
            change.Name ?? existing?.Name ?? (change.Kind == MediaKind.Video ? "Camera" : "Microphone"),
            change.Kind,
            change.Device ?? existing?.Device ?? (change.Kind == MediaKind.Video ? "local_camera" : "local_microphone"),
            change.Enabled,
            change.OccurredAt ?? Now);
        return [.. sources.Where(s => s.Type != change.Kind), source];
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} created in room {RoomId}, scheduled at {ScheduledAt}")]
    private partial void LogCreated(Guid sessionId, Guid roomId, DateTimeOffset scheduledAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} moved {From} -> {To} (reason {Reason})")]
    private partial void LogStateChanged(Guid sessionId, SessionState from, SessionState to, EndReason? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} deadline for {State} due {Deadline} applied {LatenessMs} ms late")]
    private partial void LogDeadlineApplied(Guid sessionId, SessionState state, DateTimeOffset deadline, double latenessMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} deleted")]
    private partial void LogDeleted(Guid sessionId);
}
