namespace Roomcast.Reminders;

/// <summary>
/// The port reminder notices leave through: a log line in dev mode; the outbound webhooks connect here
/// (<c>reminder.due</c>/<c>reminder.live</c> with <see cref="ReminderNotification.SubscriberIds"/>).
/// </summary>
/// <remarks>
/// The session's reminder grain hands a batch over, then records that it did. A crash between the two hands the same
/// batch over again with the same <see cref="ReminderNotification.Id"/>: an implementation that must not repeat a
/// notice treats a repeated id as done (the webhook outbox inserts its event under that id). Throwing leaves the
/// batch pending; the grain tries again on its next reminder tick.
/// </remarks>
public interface IReminderNotifier
{
    /// <summary>Hands one batch to its channel; done when the task completes.</summary>
    Task NotifyAsync(ReminderNotification notification, CancellationToken cancellationToken = default);
}
