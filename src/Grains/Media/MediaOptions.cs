using System.ComponentModel.DataAnnotations;

namespace Roomcast.Grains.Media;

/// <summary>How sessions stream over HLS and when a stream counts as unwell (configuration section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <summary>The length of an HLS segment the egress writes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan HlsSegmentDuration { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// Where viewers fetch HLS playlists: a CDN or the public URL of the storage the egress writes to, e.g.
    /// <c>https://cdn.example.com</c>; a playlist's URL is <c>{HlsBaseUrl}/hls/{session}/live.m3u8</c>. Unset: the
    /// location LiveKit reports for the live playlist.
    /// </summary>
    public string? HlsBaseUrl { get; set; }

    /// <summary>How long an egress may stay <c>starting</c> before the stream counts as down.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan EgressStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long without a new segment before the stream counts as down (three segments' time makes it degraded).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan SegmentSilenceTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How old the egress figures may be before the health check asks LiveKit again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan HealthRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
