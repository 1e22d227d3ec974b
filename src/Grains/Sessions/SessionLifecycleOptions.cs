using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Sessions;

/// <summary>Periods that drive a session's health check and deadlines (configuration section <c>Sessions</c>).</summary>
public sealed class SessionLifecycleOptions
{
    public const string SectionName = "Sessions";

    /// <summary>How often a live session checks its host's last signal.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the host may be silent before a live session ends with <c>host_departed</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan HostDepartureTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after <c>scheduled_at</c> an unstarted session waits before it expires.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan StartGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Default and upper bound of how long a session may stay live.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Period of the durable reminder that wakes a session with a pending deadline. Orleans requires
    /// at least one minute outside tests.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long before a deadline the reminder wakes the grain, which then acts at the exact time with a grain timer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ReminderLead { get; set; } = TimeSpan.FromSeconds(30);
}
