namespace Roomcast.Grains.Tests.Reminders;

/// <summary>A fact of <see cref="RoomSubscriberLogContract"/>; in this project it always runs (the log is in memory).</summary>
public sealed class SubscriberLogFactAttribute : FactAttribute;
