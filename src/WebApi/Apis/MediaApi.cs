using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.Media;
using Roomcast.Sessions;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;
using Roomcast.WebApi.Media;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// A session's media pipeline (seed 003): going live, the HLS egresses LiveKit runs for it, their health, and the
/// addresses to share. Starting anything is idempotent: the session's media grain is the record of what runs.
/// </summary>
public static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder app)
    {
        foreach (var scope in ApiScope.All)
        {
            var sessions = scope.Group(app, "/sessions", "Sessions");
            scope.Describe(sessions.MapPost("/{sessionId}/go_live", GoLiveAsync), "GoLive",
                    "Go live: create the LiveKit room, start its HLS egress and start the session (host or co-host); calling again finishes what a failure left")
                .ProducesErrors(400, 401, 403, 404, 409, 503);
            scope.Describe(sessions.MapPost("/{sessionId}/egress/hls", EnsureHlsAsync), "EnsureHlsEgress",
                    "Ensure the HLS egress of a live session is running: the running one, or a new one (never two)")
                .ProducesErrors(400, 401, 403, 404, 409, 503);
            scope.Describe(sessions.MapPost("/{sessionId}/webcam_hls", StartWebcamHlsAsync), "StartWebcamHls",
                    "Stream the host's webcam (camera and microphone tracks) to HLS; 409 while the host publishes no camera")
                .ProducesErrors(400, 401, 403, 404, 409, 503);
            scope.Describe(sessions.MapGet("/{sessionId}/stream_health", GetStreamHealthAsync), "GetStreamHealth",
                    "Stream health: the HLS egress's status, newest segment age, bitrate, viewers and a verdict with its reason (moderators and up)")
                .ProducesErrors(400, 401, 403, 404);
            scope.Describe(sessions.MapGet("/{sessionId}/share_urls", GetShareUrlsAsync), "GetShareUrls",
                    "Shareable URLs: the viewer page, an embeddable player and, once the stream runs, its HLS playlist")
                .ProducesErrors(400, 401, 404);
        }

        return app;
    }

    public static async Task<Ok<ApiResponse<GoLiveResponse>>> GoLiveAsync(Guid sessionId, MediaUrls urls, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        var stream = await api.Grains.Get<ISessionMediaGrain>(sessionId).GoLiveAsync();
        var session = await api.Grains.Get<ISessionGrain>(sessionId).GetAsync();
        return api.Envelope.Ok(new GoLiveResponse(SessionResponse.From(session), StreamResponse.From(stream, urls)));
    }

    public static async Task<Ok<ApiResponse<StreamResponse>>> EnsureHlsAsync(Guid sessionId, MediaUrls urls, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        return api.Envelope.Ok(StreamResponse.From(await api.Grains.Get<ISessionMediaGrain>(sessionId).EnsureHlsAsync(), urls));
    }

    public static async Task<Ok<ApiResponse<StreamResponse>>> StartWebcamHlsAsync(Guid sessionId, MediaUrls urls, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Run);
        return api.Envelope.Ok(StreamResponse.From(await api.Grains.Get<ISessionMediaGrain>(sessionId).StartWebcamHlsAsync(), urls));
    }

    public static async Task<Ok<ApiResponse<StreamHealthResponse>>> GetStreamHealthAsync(Guid sessionId, MediaUrls urls, [AsParameters] ApiServices api)
    {
        await api.RequireSessionAsync(sessionId, SessionPermission.Moderate);
        return api.Envelope.Ok(StreamHealthResponse.From(await api.Grains.Get<ISessionMediaGrain>(sessionId).GetHealthAsync(), urls));
    }

    public static async Task<Ok<ApiResponse<ShareUrlsResponse>>> GetShareUrlsAsync(Guid sessionId, MediaUrls urls, [AsParameters] ApiServices api)
    {
        var session = await api.RequireSessionAsync(sessionId, SessionPermission.View);
        string? hlsUrl = null;
        if (session.State == SessionState.Live
            && (await api.Grains.Get<ISessionMediaGrain>(sessionId).GetStreamAsync()).Hls is { IsRunning: true } hls)
        {
            hlsUrl = urls.PlaylistUrl(hls);
        }

        var embed = urls.EmbedPage(sessionId);
        var embedHtml = $"<iframe src=\"{System.Net.WebUtility.HtmlEncode(embed)}\" width=\"640\" height=\"360\" allow=\"autoplay; fullscreen\" allowfullscreen></iframe>";
        return api.Envelope.Ok(new ShareUrlsResponse(sessionId, urls.ViewerPage(sessionId), embed, embedHtml, hlsUrl));
    }
}
