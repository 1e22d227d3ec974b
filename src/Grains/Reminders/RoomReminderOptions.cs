using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Reminders;

/// <summary>When room subscribers are reminded of a session (configuration section <c>Reminders</c>).</summary>
public sealed class RoomReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>How long before a session's scheduled start its subscribers get the <c>due</c> notice.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Lead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Period of the durable reminder that wakes a session's reminder grain while a notice is armed or pending.
    /// Orleans requires at least one minute outside tests.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before the due time the reminder wakes the grain, which then acts at the exact time with a grain timer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan WakeLead { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many subscribers one notification batch names.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
