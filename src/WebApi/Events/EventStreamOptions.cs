using System.ComponentModel.DataAnnotations;

namespace Roomcast.WebApi.Events;

/// <summary>The live event stream's pacing (configuration section <c>Events</c>).</summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "Events";

    /// <summary>How often an idle stream sends a comment line, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How many events may wait for one client; a client that falls this far behind is disconnected (it reconnects with
    /// <c>Last-Event-ID</c> and catches up from the replay window) instead of holding memory or slowing anyone.
    /// </summary>
    [Range(16, 100_000)]
    public int ClientBuffer { get; set; } = 256;
}
