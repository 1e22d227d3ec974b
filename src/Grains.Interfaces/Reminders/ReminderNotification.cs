namespace Roomcast.Reminders;

/// <summary>
/// One batch of a notice for some of a room's subscribers. <see cref="Id"/> is deterministic (session, kind and the
/// batch's place in the fan-out): the same batch handed over again after a crash carries the same id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.ReminderNotification")]
public sealed record ReminderNotification(
    [property: Id(0)] string Id,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] Guid RoomId,
    [property: Id(3)] ReminderKind Kind,
    [property: Id(4)] DateTimeOffset ScheduledAt,
    [property: Id(5)] IReadOnlyList<Guid> SubscriberIds)
{
    /// <summary>
    /// The outbound webhook event type of this notice (<c>reminder.due</c>, <c>reminder.live</c>), or null for
    /// <see cref="ReminderKind.Scheduled"/>, which webhooks carry as <c>session.scheduled</c> already.
    /// </summary>
    public string? WebhookEventType => Kind switch
    {
        ReminderKind.Due => "reminder.due",
        ReminderKind.Live => "reminder.live",
        _ => null,
    };
}
