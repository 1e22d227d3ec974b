namespace Roomcast.Grains.Media;

/// <summary>Where a session's HLS egresses write, as storage keys: one folder per session, the webcam's inside it.</summary>
public static class StreamPaths
{
    public const string LivePlaylistName = "live.m3u8";
    public const string PlaylistName = "index.m3u8";

    public static string HlsFolder(Guid sessionId) => $"hls/{sessionId:N}";

    public static string WebcamFolder(Guid sessionId) => $"hls/{sessionId:N}/webcam";

    public static string LivePlaylist(string folder) => $"{folder}/{LivePlaylistName}";
}
