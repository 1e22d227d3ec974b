namespace Roomcast.WebApi.Tests.Reminders;

public sealed record RoomReminderDto(Guid RoomId, bool Subscribed, DateTimeOffset? SubscribedAt, NextReminderDto? Next);

public sealed record NextReminderDto(Guid SessionId, string Name, DateTimeOffset ScheduledAt, DateTimeOffset DueAt, bool DueSent);
