namespace Roomcast.Webhooks;

/// <summary>The event types an outbound webhook endpoint may subscribe to; the list is fixed.</summary>
public static class WebhookEventTypes
{
    public const string SessionScheduled = "session.scheduled";
    public const string SessionStarted = "session.started";
    public const string SessionEnded = "session.ended";
    public const string SessionExpired = "session.expired";
    public const string RecordingReady = "recording.ready";
    public const string RecordingFailed = "recording.failed";
    public const string AttendanceExported = "attendance.exported";
    public const string ReminderDue = "reminder.due";
    public const string ReminderLive = "reminder.live";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SessionScheduled, SessionStarted, SessionEnded, SessionExpired, RecordingReady, RecordingFailed,
        AttendanceExported, ReminderDue, ReminderLive,
    ];

    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
