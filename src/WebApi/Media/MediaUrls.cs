using Microsoft.Extensions.Options;
using Roomcast.Grains.Media;
using Roomcast.LiveKit;
using Roomcast.Media;
using Roomcast.WebApi.Auth;

namespace Roomcast.WebApi.Media;

/// <summary>The public addresses of a session's media: the viewer app's pages, HLS playlists, the LiveKit server.</summary>
public sealed class MediaUrls(IOptions<MediaOptions> media, IOptions<ViewerAppOptions> viewerApp, IOptions<LiveKitOptions> liveKit)
{
    private string ViewerBase => viewerApp.Value.BaseUrl.TrimEnd('/');

    /// <summary>The LiveKit server clients connect to.</summary>
    public string LiveKitUrl => liveKit.Value.Url;

    public string ViewerPage(Guid sessionId) => $"{ViewerBase}/sessions/{sessionId}";

    public string EmbedPage(Guid sessionId) => $"{ViewerBase}/embed/{sessionId}";

    /// <summary>
    /// The playlist viewers fetch: under <c>Media:HlsBaseUrl</c> when one is configured, else where LiveKit says it
    /// wrote it; null until either is known.
    /// </summary>
    public string? PlaylistUrl(StreamEgress egress) =>
        !string.IsNullOrWhiteSpace(media.Value.HlsBaseUrl) ? $"{media.Value.HlsBaseUrl.TrimEnd('/')}/{egress.PlaylistPath}"
        : egress.Segments?.LivePlaylistLocation;
}
