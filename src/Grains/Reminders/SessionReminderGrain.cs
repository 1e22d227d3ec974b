using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Roomcast.Errors;
using Roomcast.Reminders;
using Roomcast.Sessions;

namespace Roomcast.Grains.Reminders;

/// <summary>
/// The reminder notices of one session (key = session id) to its room's subscribers: <c>scheduled</c> when it is
/// scheduled, <c>due</c> at <see cref="RoomReminderOptions.Lead"/> before its start, <c>live</c> when it goes live.
/// </summary>
/// <remarks>
/// <para>
/// Driven by the session (<see cref="ISessionReminderGrain.SessionChangedAsync"/>, one-way) and by its own alarms: a
/// durable reminder while a due notice is armed or a batch is pending, and a grain timer at the exact due time. Every
/// wake re-reads the session, so a lost notice from the session is recovered by the next tick, and order and repeats
/// of notices do not matter.
/// </para>
/// <para>
/// Decisions: a reschedule re-arms the due notice for the new time only while it has not been sent; a due notice
/// already sent for an earlier time is not sent again (each subscriber gets each kind once per session). A session
/// started before its due time gets no due notice, only <c>live</c> (and no <c>scheduled</c> one either if
/// it was live before this grain heard of it). A cancel (or any end, or a deletion) disarms.
/// </para>
/// <para>
/// Exactly once, per subscriber, session and kind: (1) a kind is marked sent in the same state write that puts its
/// notice in the outbox (<see cref="SessionReminderState.Outbox"/>), and a marked kind is never marked again, so a
/// notice is created once or not at all (a refused write creates nothing, and the next tick tries again). (2) The
/// outbox fans the notice out in batches over disjoint ranges of subscriber ids: a batch's range is fixed in state
/// before the batch is handed over, and the range is advanced in state after, so no subscriber is in two batches.
/// (3) A crash between a hand-over and its record hands the same range over again under the same deterministic id
/// (session, kind, range start), which <see cref="IReminderNotifier"/> implementations treat as done; that is the
/// one place exactly-once rests on the sink, as it must for any side effect outside this grain's storage. The alarm
/// is registered before the write that arms or fills the outbox: an alarm with nothing to do unregisters itself,
/// a pending notice without an alarm would never go out.
/// </para>
/// </remarks>
public sealed partial class SessionReminderGrain(
    [PersistentState("reminders", GrainStorage.Name)] IPersistentState<SessionReminderState> state,
    IRoomSubscriberLog subscribers,
    IReminderNotifier notifier,
    IOptions<RoomReminderOptions> options,
    TimeProvider clock,
    ILogger<SessionReminderGrain> logger) : Grain, ISessionReminderGrain, IRemindable
{
    internal const string ReminderName = "session-reminder";

    private readonly RoomReminderOptions _options = options.Value;
    private IGrainTimer? _timer;

    /// <summary>Whether this grain may have a reminder registered (set by this activation, or one that ticked).</summary>
    private bool _reminderMayExist;

    /// <summary>
    /// The scheduled start the reminder was registered for (it first ticks shortly before that due time), so that a
    /// sync re-registers only on a change; null for a reminder that ticks every period (a retry of a pending batch).
    /// </summary>
    private DateTimeOffset? _reminderRegisteredFor;

    private DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.ArmedFor is not null || state.State.Outbox.Count > 0)
        {
            // A re-activation (after a silo loss or idle collection) looks at once: a notice may be due, or a batch pending.
            _reminderMayExist = true;
            _reminderRegisteredFor = state.State.ArmedFor;
            ScheduleSync(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public Task SessionChangedAsync() => SyncAsync();

    public Task<SessionReminderStatus> GetStatusAsync() => Task.FromResult(new SessionReminderStatus(
        state.State.Sent, state.State.ArmedFor, state.State.ArmedFor - _options.Lead, state.State.Outbox.Count));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        if (!_reminderMayExist)
        {
            // Registered by an earlier activation before the write that armed the stored time (or a retry one).
            _reminderMayExist = true;
            _reminderRegisteredFor = state.State.ArmedFor;
        }

        await SyncAsync();
    }

    private async Task SyncAsync()
    {
        var session = await ReadSessionAsync();
        if (session is null && !state.RecordExists)
        {
            // Nothing to remind of and nothing stored (a deleted or unknown session): leave nothing behind.
            await ArmAsync();
            DeactivateOnIdle();
            return;
        }

        await RecordNoticesAsync(session);
        await DeliverPendingAsync();
        await ArmAsync();
        if (_timer is null && state.State.Outbox.Count == 0)
        {
            // Nothing due soon and nothing pending: the reminder or the session's next change wakes the grain when
            // there is. Staying would keep one activation per scheduled session in memory for the collection age.
            DeactivateOnIdle();
        }
    }

    /// <summary>Marks the kinds that are due as sent, puts them in the outbox and re-arms, all in one write.</summary>
    private async Task RecordNoticesAsync(SessionSnapshot? session)
    {
        var current = state.State;
        var kinds = new List<ReminderKind>();
        DateTimeOffset? armedFor = null;
        if (session is { State: SessionState.Scheduled })
        {
            if (!current.Sent.Contains(ReminderKind.Scheduled))
            {
                kinds.Add(ReminderKind.Scheduled);
            }

            if (!current.Sent.Contains(ReminderKind.Due))
            {
                if (Now >= session.ScheduledAt - _options.Lead)
                {
                    kinds.Add(ReminderKind.Due);
                }
                else
                {
                    armedFor = session.ScheduledAt;
                }
            }
        }
        else if (session is { State: SessionState.Live } && !current.Sent.Contains(ReminderKind.Live))
        {
            kinds.Add(ReminderKind.Live);
        }

        var roomId = session?.RoomId ?? current.RoomId;
        if (kinds.Count == 0 && armedFor == current.ArmedFor && roomId == current.RoomId)
        {
            return;
        }

        var next = current with
        {
            RoomId = roomId,
            Sent = [.. current.Sent, .. kinds],
            ArmedFor = armedFor,
            Outbox = [.. current.Outbox, .. kinds.Select(kind => new PendingReminder(kind, session!.ScheduledAt, null, null))],
        };
        await RegisterReminderAsync(next);
        await state.WriteOrRevertAsync(next, this);
        foreach (var kind in kinds)
        {
            LogMarked(this.GetPrimaryKey(), kind);
        }
    }

    /// <summary>Fans out the outbox, batch by batch; a batch the notifier refuses stays pending for the next tick.</summary>
    private async Task DeliverPendingAsync()
    {
        while (state.State.Outbox is [var pending, ..])
        {
            var roomId = state.State.RoomId;
            IReadOnlyList<Guid> batch;
            if (pending.InFlightThrough is { } through)
            {
                // A retry: the same range as the attempt that may have gone out, under the same id.
                batch = await subscribers.ListSubscriberIdsAsync(roomId, pending.DeliveredThrough, through, int.MaxValue);
            }
            else
            {
                batch = await subscribers.ListSubscriberIdsAsync(roomId, pending.DeliveredThrough, null, _options.BatchSize);
                if (batch.Count == 0)
                {
                    await ReplaceFirstPendingAsync(null);
                    continue;
                }

                pending = pending with { InFlightThrough = batch[^1] };
                await ReplaceFirstPendingAsync(pending);
            }

            if (batch.Count > 0)
            {
                var notification = new ReminderNotification(NotificationIdOf(pending), this.GetPrimaryKey(), roomId,
                    pending.Kind, pending.ScheduledAt, batch);
                try
                {
                    await notifier.NotifyAsync(notification);
                }
                catch (Exception e)
                {
                    // The sink is someone else's code and may fail in any way; the batch stays pending, the reminder retries.
                    LogNotifyFailed(e, notification.Id);
                    return;
                }
            }

            await ReplaceFirstPendingAsync(pending with { DeliveredThrough = pending.InFlightThrough, InFlightThrough = null });
        }
    }

    private Task ReplaceFirstPendingAsync(PendingReminder? replacement)
    {
        var rest = state.State.Outbox.Skip(1);
        return state.WriteOrRevertAsync(
            state.State with { Outbox = replacement is null ? [.. rest] : [replacement, .. rest] }, this);
    }

    private string NotificationIdOf(PendingReminder pending) =>
        $"rmd_{this.GetPrimaryKey():N}_{pending.Kind.ToString().ToLowerInvariant()}_{pending.DeliveredThrough?.ToString("N") ?? "first"}";

    /// <summary>
    /// Before a write that arms a due notice or fills the outbox, and after a sync: a reminder that wakes the grain
    /// shortly before the due time, or within a period while a batch is pending (a refused batch is retried then).
    /// </summary>
    private async Task RegisterReminderAsync(SessionReminderState next)
    {
        if (next.Outbox.Count > 0)
        {
            // A registered reminder serves when it already ticks every period, or first ticks within one.
            var ticksSoon = _reminderMayExist && (_reminderRegisteredFor is not { } armedFor
                || armedFor - _options.Lead - _options.WakeLead <= Now + _options.ReminderPeriod);
            if (!ticksSoon)
            {
                await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
                _reminderRegisteredFor = null;
                _reminderMayExist = true;
            }
        }
        else if (next.ArmedFor is { } scheduledAt && (!_reminderMayExist || _reminderRegisteredFor != scheduledAt))
        {
            var untilWake = scheduledAt - _options.Lead - _options.WakeLead - Now;
            await this.RegisterOrUpdateReminder(ReminderName, Max(untilWake, TimeSpan.Zero), _options.ReminderPeriod);
            _reminderRegisteredFor = scheduledAt;
            _reminderMayExist = true;
        }
    }

    /// <summary>After a sync: the reminder as the state needs it, a timer for a due time near enough, and no reminder once nothing is armed or pending.</summary>
    private async Task ArmAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (state.State.ArmedFor is null && state.State.Outbox.Count == 0)
        {
            if (_reminderMayExist)
            {
                await this.UnregisterReminderIfAnyAsync(ReminderName);
                _reminderMayExist = false;
                _reminderRegisteredFor = null;
            }

            return;
        }

        await RegisterReminderAsync(state.State);
        if (state.State.ArmedFor is { } scheduledAt)
        {
            // A far due time is left to the reminder, which wakes the grain within this horizon of it and re-arms.
            var untilDue = scheduledAt - _options.Lead - Now;
            if (untilDue <= _options.WakeLead + _options.ReminderPeriod)
            {
                ScheduleSync(Max(untilDue, TimeSpan.Zero));
            }
        }
    }

    private void ScheduleSync(TimeSpan dueTime)
    {
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(_ => SyncAsync(), new GrainTimerCreationOptions
        {
            DueTime = dueTime,
            Period = Timeout.InfiniteTimeSpan,
        });
    }

    private async Task<SessionSnapshot?> ReadSessionAsync()
    {
        try
        {
            return await GrainFactory.GetGrain<ISessionGrain>(this.GetPrimaryKey()).GetAsync();
        }
        catch (RoomcastException e) when (e.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId}: reminder {Kind} marked sent")]
    private partial void LogMarked(Guid sessionId, ReminderKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder notification {NotificationId} was refused by the notifier; it stays pending")]
    private partial void LogNotifyFailed(Exception exception, string notificationId);
}
