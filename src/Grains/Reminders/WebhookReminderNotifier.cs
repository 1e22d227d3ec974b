using Roomcast.Grains.Webhooks;
using Roomcast.Reminders;
using Roomcast.Sessions;
using Roomcast.Webhooks;

namespace Roomcast.Grains.Reminders;

/// <summary>
/// Reminder notices as outbound webhooks: <c>reminder.due</c> and <c>reminder.live</c>, one event per batch under the
/// batch's own id, so a batch handed over twice (a crash before the grain recorded it) is one event; the endpoints of
/// the session's library that subscribe to the type receive it. Every notice is also logged (the dev-mode sink).
/// </summary>
public sealed class WebhookReminderNotifier(IWebhookOutbox outbox, IGrainFactory grains, LoggingReminderNotifier log) : IReminderNotifier
{
    public async Task NotifyAsync(ReminderNotification notification, CancellationToken cancellationToken = default)
    {
        await log.NotifyAsync(notification, cancellationToken);
        if (notification.WebhookEventType is not { } type)
        {
            return;
        }

        var session = await grains.GetGrain<ISessionGrain>(notification.SessionId).GetAsync();
        var now = DateTimeOffset.UtcNow;
        await outbox.AppendAsync(new WebhookEvent(notification.Id, session.LibraryId, type, now, WebhookEvents.PayloadOf(type, now, new
        {
            notification.SessionId,
            notification.RoomId,
            session.LibraryId,
            session.Name,
            notification.ScheduledAt,
            notification.SubscriberIds,
        })));
    }
}
