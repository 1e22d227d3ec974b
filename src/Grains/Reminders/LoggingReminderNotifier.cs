using Microsoft.Extensions.Logging;
using Roomcast.Reminders;

namespace Roomcast.Grains.Reminders;

/// <summary>
/// The default notification sink (dev mode): one log line per batch, with how many subscribers it names. The outbound
/// webhooks replace it by registering their own <see cref="IReminderNotifier"/>.
/// </summary>
public sealed partial class LoggingReminderNotifier(ILogger<LoggingReminderNotifier> logger) : IReminderNotifier
{
    public Task NotifyAsync(ReminderNotification notification, CancellationToken cancellationToken = default)
    {
        LogNotice(notification.Kind, notification.SessionId, notification.RoomId, notification.ScheduledAt,
            notification.SubscriberIds.Count, notification.Id);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reminder {Kind} for session {SessionId} of room {RoomId} (scheduled {ScheduledAt}) to {SubscriberCount} subscribers (notification {NotificationId})")]
    private partial void LogNotice(ReminderKind kind, Guid sessionId, Guid roomId, DateTimeOffset scheduledAt, int subscriberCount, string notificationId);
}
