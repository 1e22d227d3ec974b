namespace Roomcast.Media;

/// <summary>How far an HLS egress has got: its playlists and the segments written so far.</summary>
[GenerateSerializer, Immutable, Alias("Roomcast.EgressSegments")]
public sealed record EgressSegments(
    [property: Id(0)] string? PlaylistLocation,
    [property: Id(1)] string? LivePlaylistLocation,
    [property: Id(2)] long SegmentCount,
    [property: Id(3)] long SizeBytes,
    [property: Id(4)] double DurationSeconds);
