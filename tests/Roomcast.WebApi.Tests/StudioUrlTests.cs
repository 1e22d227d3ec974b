using System.Net;
using System.Web;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthFlowsCollection.Name)]
public sealed class StudioUrlTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task TheHostGetsAStudioUrlWhoseCodeSignsTheHostIn()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();

        var studio = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();

        Assert.Equal(60, studio.ExpiresIn);
        Assert.StartsWith($"{RoomcastApiFactory.ViewerAppBaseUrl}/sessions/{session.Id}/live?code=", studio.Url);
        var code = HttpUtility.ParseQueryString(new Uri(studio.Url).Query)["code"];
        Assert.False(string.IsNullOrEmpty(code));
        var pair = await (await api.Anonymous().PostAsync("/v1/auth/code/exchange", ApiJson.Body(new { Code = code })))
            .ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(host.Id, pair.User.Id);
    }

    [Fact]
    public async Task ALiveSessionHasAStudioUrlToo()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();
    }

    [Fact]
    public async Task EachStudioUrlCarriesAFreshCode()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var first = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();
        var second = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();
        Assert.NotEqual(first.Url, second.Url);
    }

    [Fact]
    public async Task AnotherHostIsForbidden()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var other = await api.CreateHostAsync();

        var response = await other.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null);

        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AViewerOfAPrivateSessionGets404()
    {
        var (host, room) = await api.CreateHostWithRoomAsync("private");
        var session = await api.CreateSessionAsync(host, room.Id, visibility: "private");
        var viewer = await api.CreateViewerAsync();

        var response = await viewer.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null);

        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnonymousIs401()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var response = await api.Anonymous().PostAsync($"/v1/sessions/{session.Id}/studio_url", null);
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task UnknownSessionIs404AndMalformedIdIs400()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{Guid.NewGuid()}/studio_url", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await host.Client.PostAsync("/v1/sessions/not-an-id/studio_url", null))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "session_id");
    }

    [Fact]
    public async Task ACancelledSessionHasNoStudio()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/cancel", null)).ShouldSucceedAsync();

        var response = await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null);

        var error = await response.ShouldFailAsync(HttpStatusCode.Conflict, "illegal_transition", field: "state");
        Assert.Equal("cancelled", error.MessageOf("state"));
    }
}
