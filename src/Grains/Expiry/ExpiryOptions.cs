using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Expiry;

/// <summary>How often expired sign-ins and codes are deleted from storage (configuration section <c>Expiry</c>).</summary>
public sealed class ExpiryOptions
{
    public const string SectionName = "Expiry";

    /// <summary>The sweep's period: an expired state stays in storage at most this long (it is refused at once).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMinutes(5);
}
