namespace Roomcast.WebApi.Contracts;

/// <summary>Whether the caller is subscribed to a room's reminders, and what comes next.</summary>
/// <param name="SubscribedAt">When the caller subscribed; null when not subscribed.</param>
/// <param name="Next">The room's next scheduled session the caller may see, or null when there is none.</param>
public sealed record RoomReminderResponse(Guid RoomId, bool Subscribed, DateTimeOffset? SubscribedAt, NextReminderResponse? Next);

/// <summary>A room's next scheduled session and its due reminder.</summary>
/// <param name="DueAt">When its due reminder fires (<c>Reminders:Lead</c> before the start).</param>
/// <param name="DueSent">Whether the due reminder has gone out already (it is not repeated after a reschedule).</param>
public sealed record NextReminderResponse(Guid SessionId, string Name, DateTimeOffset ScheduledAt, DateTimeOffset DueAt, bool DueSent);
