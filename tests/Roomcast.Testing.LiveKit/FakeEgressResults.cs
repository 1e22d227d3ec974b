namespace Roomcast.Testing.LiveKit;

/// <summary>A file an egress wrote (LiveKit's <c>FileInfo</c>).</summary>
public sealed record FakeEgressFile(string Filename, string? Location, long Size, TimeSpan Duration);

/// <summary>HLS progress of an egress (LiveKit's <c>SegmentsInfo</c>).</summary>
public sealed record FakeEgressSegments(string PlaylistName, string? LivePlaylistName, string? PlaylistLocation,
    string? LivePlaylistLocation, long SegmentCount, long Size, TimeSpan Duration);

/// <summary>A track a participant publishes in the fake (LiveKit's <c>TrackInfo</c>): type <c>VIDEO</c>/<c>AUDIO</c>, source <c>CAMERA</c>, ...</summary>
public sealed record FakeTrack(string Sid, string Type, string Source, bool Muted = false);
