using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Recordings;

/// <summary>How long recordings are kept and how their making is watched (configuration section <c>Recordings</c>).</summary>
public sealed class RecordingOptions
{
    public const string SectionName = "Recordings";

    /// <summary>How long a finished recording is kept (from its end); unset keeps recordings until they are deleted.</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>How old a file without a recording must be before the cleanup deletes it (an egress may still be writing it).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the storage cleanup runs by itself.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a recording may wait for LiveKit to confirm its egress before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long after its end a recording may wait for its egress to finish before its file is looked for anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
