namespace Roomcast.WebApi.Contracts;

/// <summary>Where to send people: the viewer app's page, an embeddable player, and (once the stream is up) the HLS playlist.</summary>
public sealed record ShareUrlsResponse(Guid SessionId, string ViewerUrl, string EmbedUrl, string EmbedHtml, string? HlsUrl);
