using Roomcast.Reminders;

namespace Roomcast.Grains.Reminders;

/// <summary>What a session's reminder grain persists.</summary>
[GenerateSerializer, Alias("Roomcast.SessionReminderState")]
public sealed record SessionReminderState
{
    [Id(0)] public Guid RoomId { get; init; }

    /// <summary>The kinds marked sent: each was put in <see cref="Outbox"/> by the same write, and is never marked again.</summary>
    [Id(1)] public IReadOnlyList<ReminderKind> Sent { get; init; } = [];

    /// <summary>The scheduled start the due notice is armed for; null once it is sent, or the session is no longer scheduled.</summary>
    [Id(2)] public DateTimeOffset? ArmedFor { get; init; }

    /// <summary>Notices marked sent whose fan-out to the subscribers has not finished, oldest first.</summary>
    [Id(3)] public IReadOnlyList<PendingReminder> Outbox { get; init; } = [];
}

/// <summary>
/// A notice being fanned out in batches over disjoint ranges of subscriber ids (in <see cref="SubscriberOrder"/>).
/// <see cref="DeliveredThrough"/> ends the ranges handed over; <see cref="InFlightThrough"/>, when set, ends the one
/// being handed over now, fixed before the hand-over so that a retry covers the same range under the same id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Roomcast.PendingReminder")]
public sealed record PendingReminder(
    [property: Id(0)] ReminderKind Kind,
    [property: Id(1)] DateTimeOffset ScheduledAt,
    [property: Id(2)] Guid? DeliveredThrough,
    [property: Id(3)] Guid? InFlightThrough);
