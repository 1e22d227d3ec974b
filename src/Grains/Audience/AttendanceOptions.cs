using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Audience;

/// <summary>How presence is judged (configuration section <c>Attendance</c>).</summary>
public sealed class AttendanceOptions
{
    public const string SectionName = "Attendance";

    /// <summary>
    /// How long a present person may go without a sign of life (joining again, or LiveKit reporting them) before
    /// their visit is closed at the time they were last seen.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a session with people present looks for those who fell silent.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PresenceCheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}
