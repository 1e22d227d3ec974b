using System.Net;
using Roomcast.Testing.LiveKit;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Media;

/// <summary>GET /v1/sessions/{id}/share_urls: the viewer app's pages always, the HLS playlist once the stream runs.</summary>
[Collection(MediaCollection.Name)]
public sealed class ShareUrlsTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task AScheduledSessionHasViewerAndEmbedPagesButNoPlaylist()
    {
        var (_, session) = await api.ScheduledAsync();
        var viewer = await api.CreateViewerAsync();

        var urls = await (await viewer.Client.GetAsync($"/v1/sessions/{session.Id}/share_urls")).ShouldSucceedAsync<ShareUrlsDto>();

        Assert.Equal($"{RoomcastApiFactory.ViewerAppBaseUrl}/sessions/{session.Id}", urls.ViewerUrl);
        Assert.Equal($"{RoomcastApiFactory.ViewerAppBaseUrl}/embed/{session.Id}", urls.EmbedUrl);
        Assert.Contains($"src=\"{urls.EmbedUrl}\"", urls.EmbedHtml);
        Assert.Null(urls.HlsUrl);
    }

    [Fact]
    public async Task TheHlsUrlAppearsOnceTheSessionIsLiveWithARunningEgressThatReportedItsPlaylist()
    {
        var (host, session) = await api.LiveAsync();
        var viewer = await api.CreateViewerAsync();
        Assert.Null((await GetAsync(viewer, session.Id)).HlsUrl);

        var stream = await (await host.PostAsync($"/v1/sessions/{session.Id}/egress/hls")).ShouldSucceedAsync<StreamDto>();
        Assert.Null((await GetAsync(viewer, session.Id)).HlsUrl);

        const string location = "https://egress.tests.roomcast.local/share/live.m3u8";
        var egress = api.LiveKit.SetEgressStatus(stream.Hls!.EgressId, FakeEgressStatus.Active,
            segments: [new FakeEgressSegments("index.m3u8", "live.m3u8", null, location, 1, 500_000, TimeSpan.FromSeconds(6))]);
        await DeliverAsync(LiveKitWebhookBodies.EgressUpdated(egress, DateTimeOffset.UtcNow));
        Assert.Equal(location, (await GetAsync(viewer, session.Id)).HlsUrl);

        var ended = api.LiveKit.SetEgressStatus(stream.Hls.EgressId, FakeEgressStatus.Complete);
        await DeliverAsync(LiveKitWebhookBodies.EgressEnded(ended, DateTimeOffset.UtcNow));
        Assert.Null((await GetAsync(viewer, session.Id)).HlsUrl);
    }

    [Fact]
    public async Task APrivateSessionsUrlsAreNotFoundForThoseWhoCannotSeeIt()
    {
        var (host, session) = await api.ScheduledAsync("private");
        var stranger = await api.CreateViewerAsync();

        await (await stranger.Client.GetAsync($"/v1/sessions/{session.Id}/share_urls")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.GetAsync($"/v1/sessions/{session.Id}/share_urls")).ShouldSucceedAsync<ShareUrlsDto>();
    }

    private static async Task<ShareUrlsDto> GetAsync(TestUser user, Guid sessionId) =>
        await (await user.Client.GetAsync($"/v1/sessions/{sessionId}/share_urls")).ShouldSucceedAsync<ShareUrlsDto>();

    private async Task DeliverAsync(string body)
    {
        using var request = LiveKitWebhooks.Request(body, api.LiveKit.SignWebhook(body));
        await (await api.CreateClient().SendAsync(request)).ShouldSucceedAsync();
    }
}
