using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Roomcast.Centrifugo;
using Roomcast.WebApi.Centrifugo;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests.Centrifugo;

/// <summary>
/// Issue 18: Centrifugo's connect and subscribe proxies answer in Centrifugo's documented shapes (result, error,
/// disconnect at the top level), behind the proxy secret, and session events reach Centrifugo's server API.
/// </summary>
[Collection(CentrifugoCollection.Name)]
public sealed class CentrifugoProxyTests(CentrifugoApiFactory api)
{
    private const string ConnectPath = "/v1/centrifugo/connect";
    private const string SubscribePath = "/v1/centrifugo/subscribe";

    private async Task<HttpResponseMessage> ProxyAsync(string path, string json, string? bearer = null,
        string? secret = RoomcastApiFactory.CentrifugoProxySecret, Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiJson.Raw(json) };
        if (secret is not null)
        {
            request.Headers.Add(CentrifugoProxySecret.HeaderName, secret);
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        more?.Invoke(request);
        return await api.Anonymous().SendAsync(request);
    }

    /// <summary>The body as Centrifugo would read it: 200 and JSON, compactly re-serialized for exact comparison.</summary>
    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement);
    }

    private static string ConnectBody(string extra = "") =>
        $$"""{"client":"{{Guid.NewGuid()}}","transport":"websocket","protocol":"json","encoding":"json"{{extra}}}""";

    private static string SubscribeBody(Guid userId, string channel) =>
        $$"""{"client":"{{Guid.NewGuid()}}","transport":"websocket","protocol":"json","encoding":"json","user":"{{userId}}","channel":"{{channel}}"}""";

    private static string ExpectedConnect(string token)
    {
        var jwt = new JsonWebToken(token);
        var expireAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero).ToUnixTimeSeconds();
        var info = JsonSerializer.Serialize(new { name = jwt.GetClaim("name").Value, role = jwt.GetClaim("role").Value });
        return "{\"result\":{\"user\":\"" + jwt.Subject + "\",\"expire_at\":" + expireAt + ",\"info\":" + info + "}}";
    }

    private const string InvalidToken = """{"disconnect":{"code":4501,"reason":"invalid token"}}""";

    [Fact]
    public async Task ConnectTakesTheTokenFromTheForwardedAuthorizationHeaderAndAnswersUserExpiryAndInfo()
    {
        var viewer = await api.CreateViewerAsync();

        var answer = await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), bearer: viewer.Token));

        Assert.Equal(ExpectedConnect(viewer.Token), answer);
        Assert.Contains($"\"user\":\"{viewer.Id}\"", answer);
    }

    [Fact]
    public async Task ConnectTakesTheTokenFromDataTokenAndFromB64DataWhenNoHeaderIsForwarded()
    {
        var host = await api.CreateHostAsync();
        var data = JsonSerializer.Serialize(new { token = host.Token });

        var fromData = await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody($",\"data\":{data}")));
        var fromB64 = await AnswerAsync(await ProxyAsync(ConnectPath,
            ConnectBody($",\"b64data\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(data))}\"")));

        Assert.Equal(ExpectedConnect(host.Token), fromData);
        Assert.Equal(ExpectedConnect(host.Token), fromB64);
    }

    [Fact]
    public async Task ConnectDisconnectsForGoodWithoutAValidToken()
    {
        var viewer = await api.CreateViewerAsync();

        Assert.Equal("""{"disconnect":{"code":4502,"reason":"token expired"}}""",
            await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), bearer: Tokens.Expired(viewer.Id, "viewer"))));
        Assert.Equal(InvalidToken, await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), bearer: "not.a.token")));
        Assert.Equal(InvalidToken, await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), bearer: Tokens.SignedWithAnotherKey(viewer.Id, "viewer"))));
        Assert.Equal(InvalidToken, await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(",\"data\":{\"token\":\"garbage\"}"))));
        Assert.Equal("""{"disconnect":{"code":4501,"reason":"no access token"}}""",
            await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(",\"data\":{\"name\":\"no token here\"}"))));
    }

    [Fact]
    public async Task ConnectRefusesApiKeysBecauseABrowserConnectionIsAPerson()
    {
        var (key, _) = await api.CreateApiKeyClientAsync("viewer");

        Assert.Equal(InvalidToken, await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), bearer: key.Key)));
        Assert.Equal(InvalidToken, await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody($",\"data\":{{\"token\":\"{key.Key}\"}}"))));
        Assert.Equal("""{"disconnect":{"code":4501,"reason":"no access token"}}""",
            await AnswerAsync(await ProxyAsync(ConnectPath, ConnectBody(), more: r => r.Headers.Add("x-api-key", key.Key))));
    }

    [Theory]
    [InlineData(ConnectPath)]
    [InlineData(SubscribePath)]
    public async Task TheProxyRoutesAnswer401WithoutTheProxySecretWhateverElseTheRequestCarries(string path)
    {
        var admin = await api.AdminAsync();

        await (await ProxyAsync(path, ConnectBody(), bearer: admin.Token, secret: null))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_proxy_secret");
        await (await ProxyAsync(path, ConnectBody(), bearer: admin.Token, secret: RoomcastApiFactory.CentrifugoProxySecret + "x"))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_proxy_secret");
        await (await ProxyAsync(path, ConnectBody(), secret: ""))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_proxy_secret");
        // Not even a malformed body is looked at before the secret.
        await (await ProxyAsync(path, "{nope", secret: null)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_proxy_secret");
    }

    [Fact]
    public void WithoutAConfiguredSecretNothingIsAdmitted()
    {
        var unset = new CentrifugoProxySecret(Options.Create(new CentrifugoOptions()));
        var set = new CentrifugoProxySecret(Options.Create(new CentrifugoOptions { ProxySecret = RoomcastApiFactory.CentrifugoProxySecret }));

        Assert.False(unset.Configured);
        Assert.False(unset.Admits(""));
        Assert.False(unset.Admits("anything"));
        Assert.True(set.Admits(RoomcastApiFactory.CentrifugoProxySecret));
        Assert.False(set.Admits(RoomcastApiFactory.CentrifugoProxySecret[..^1]));
    }

    [Theory]
    [InlineData(ConnectPath, "{nope")]
    [InlineData(ConnectPath, "[1,2]")]
    [InlineData(ConnectPath, "null")]
    [InlineData(ConnectPath, """{"client":"c","b64data":"%%%"}""")]
    [InlineData(ConnectPath, """{"client":"c","b64data":"bm90IGpzb24="}""")]
    [InlineData(SubscribePath, "{\"user\":")]
    [InlineData(SubscribePath, """{"user":42,"channel":"session:x"}""")]
    public async Task AMalformedProxyRequestIsA400InTheErrorEnvelope(string path, string json)
    {
        await (await ProxyAsync(path, json)).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task SubscribeAllowsTheChannelsOfASessionTheUserMaySee()
    {
        var (_, _, session) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();

        Assert.Equal("""{"result":{}}""", await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, $"session:{session.Id}"))));
        Assert.Equal("""{"result":{}}""", await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, $"session:{session.Id}:chat"))));
    }

    [Fact]
    public async Task SubscribeRefusesAPrivateSessionOfAnotherAndOneThatDoesNotExistAlike()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync("private");
        var viewer = await api.CreateViewerAsync();
        const string denied = """{"error":{"code":403,"message":"permission denied"}}""";

        Assert.Equal(denied, await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, $"session:{session.Id}"))));
        Assert.Equal(denied, await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, $"session:{Guid.NewGuid()}"))));
        Assert.Equal(denied, await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(Guid.NewGuid(), $"session:{session.Id}"))));
        Assert.Equal(denied, await AnswerAsync(await ProxyAsync(SubscribePath,
            $$"""{"client":"c","transport":"websocket","protocol":"json","encoding":"json","user":"","channel":"session:{{session.Id}}"}""")));
        // Its host sees it.
        Assert.Equal("""{"result":{}}""", await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(host.Id, $"session:{session.Id}"))));
    }

    [Fact]
    public async Task SubscribeRefusesAUserBannedFromTheSession()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var viewer = await api.CreateViewerAsync();
        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/bans", ApiJson.Body(new { UserId = viewer.Id }))).ShouldSucceedAsync();

        Assert.Equal("""{"error":{"code":1403,"message":"banned from this session"}}""",
            await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, $"session:{session.Id}"))));
    }

    [Theory]
    [InlineData("chat:lobby")]
    [InlineData("session:")]
    [InlineData("session:not-a-session")]
    [InlineData("Session:00000000-0000-0000-0000-000000000001")]
    [InlineData("session:00000000-0000-0000-0000-000000000001:")]
    [InlineData("")]
    public async Task SubscribeRefusesChannelsOutsideRoomcastsNamespace(string channel)
    {
        var viewer = await api.CreateViewerAsync();

        Assert.Equal("""{"error":{"code":404,"message":"unknown channel"}}""",
            await AnswerAsync(await ProxyAsync(SubscribePath, SubscribeBody(viewer.Id, channel))));
    }

    [Fact]
    public async Task AChatMessageInALiveSessionIsPublishedToItsCentrifugoChannel()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        await api.StartSessionAsync(host, session.Id);
        var text = "hello centrifugo " + Guid.NewGuid().ToString("N");

        await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/chat", ApiJson.Body(new { Text = text }))).ShouldSucceedAsync(HttpStatusCode.Created);

        var channel = $"session:{session.Id}";
        var publications = await Eventually.MatchAsync(
            () => Task.FromResult(api.Centrifugo.Publications.Where(p => p.Channel == channel).ToList()),
            list => list.Any(p => p.Data.GetProperty("type").GetString() == "chat.message"),
            TimeSpan.FromSeconds(10), $"a chat.message publish on {channel}");
        var published = publications.First(p => p.Data.GetProperty("type").GetString() == "chat.message").Data;
        Assert.Equal(["at", "data", "id", "type"], published.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(text, published.GetProperty("data").GetProperty("text").GetString());
        Assert.False(string.IsNullOrEmpty(published.GetProperty("id").GetString()));
        Assert.True(DateTimeOffset.TryParse(published.GetProperty("at").GetString(), out _));
        Assert.Equal(0, api.Centrifugo.Unauthorized);
    }

    [Theory]
    [InlineData("ProxySecret", "short", "Centrifugo:ProxySecret")]
    [InlineData("ApiUrl", "ftp://centrifugo", "Centrifugo:ApiUrl")]
    [InlineData("ApiUrl", "http://centrifugo:8000", "Centrifugo:ApiKey")]
    [InlineData("ChannelPrefix", " ", "Centrifugo:ChannelPrefix")]
    [InlineData("RequestTimeout", "00:10:00", "Centrifugo:RequestTimeout")]
    public void InvalidCentrifugoSettingsFailTheStartNamingTheirKey(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"Centrifugo:{key}", value)]).Build();
        using var services = new ServiceCollection().AddLogging().AddRoomcastCentrifugo(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<CentrifugoOptions>>().Value);

        Assert.Contains(named, failure.Message);
    }
}
