using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthFlowsCollection.Name)]
public sealed class AuthCodeTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task ACodeExchangesForTheCallersTokens()
    {
        var host = await api.CreateHostAsync();

        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();

        Assert.Equal(60, code.ExpiresIn);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", code.Code);
        var pair = await (await ExchangeAsync(code.Code)).ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(host.Id, pair.User.Id);
        Assert.Equal("host", pair.User.Role);
        using var me = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/me");
        me.Headers.Authorization = new("Bearer", pair.AccessToken);
        Assert.Equal(host.Id, (await (await api.Anonymous().SendAsync(me)).ShouldSucceedAsync<AuthUserDto>()).Id);
    }

    [Fact]
    public async Task AViewerMayGenerateACodeToo()
    {
        var viewer = await api.CreateViewerAsync();
        var code = await (await viewer.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();
        var pair = await (await ExchangeAsync(code.Code)).ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(viewer.Id, pair.User.Id);
    }

    [Fact]
    public async Task ACodeWorksOnlyOnce()
    {
        var host = await api.CreateHostAsync();
        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();
        await (await ExchangeAsync(code.Code)).ShouldSucceedAsync<TokenPairDto>();

        await (await ExchangeAsync(code.Code)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
    }

    [Fact]
    public async Task OfAHundredConcurrentExchangesOfOneCodeExactlyOneSucceeds()
    {
        var host = await api.CreateHostAsync();
        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();

        using var start = new ManualResetEventSlim(false);
        var attempts = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await ExchangeAsync(code.Code);
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        var winner = await responses.Single(r => r.StatusCode == HttpStatusCode.OK).ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(host.Id, winner.User.Id);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            await loser.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
        }
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a code")]
    public async Task AnUnknownCodeIs401(string code)
    {
        await (await ExchangeAsync(code)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
    }

    [Fact]
    public async Task ExchangeNeedsTheCode()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/code/exchange", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "code");
    }

    [Fact]
    public async Task GeneratingACodeNeedsABearerToken()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/code", null);
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code) =>
        api.Anonymous().PostAsync("/v1/auth/code/exchange", ApiJson.Body(new { Code = code }));
}
