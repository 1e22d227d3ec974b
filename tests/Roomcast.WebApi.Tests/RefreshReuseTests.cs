using System.Net;
using System.Net.Http.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>
/// A used refresh token presented again: within the retry grace it is a client's retry and gets the same new pair;
/// after it, it is reuse and revokes the sign-in. On the fake identity clock, so the grace passes without waiting.
/// </summary>
[Collection(AuthClockCollection.Name)]
public sealed class RefreshReuseTests(FakeClockApiFactory api)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task FiftyConcurrentRefreshesWithOneTokenAllGetTheSameNewPair()
    {
        var first = await LoginAsync(await api.CreateHostAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => RefreshAsync(first.RefreshToken)));
        var pairs = await Task.WhenAll(responses.Select(r => r.ShouldSucceedAsync<TokenPairDto>()));

        Assert.Single(pairs.Select(p => p.RefreshToken).Distinct());
        await (await RefreshAsync(pairs[0].RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
    }

    [Fact]
    public async Task ATokenPresentedAgainWithinTheGraceGetsTheSamePairAndRevokesNothing()
    {
        var first = await LoginAsync(await api.CreateHostAsync());
        var second = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();

        api.Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        var retried = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();

        Assert.Equal(second.RefreshToken, retried.RefreshToken);
        await (await RefreshAsync(second.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
    }

    [Fact]
    public async Task ReusingARefreshTokenAfterTheGraceRevokesTheWholeFamily()
    {
        var first = await LoginAsync(await api.CreateHostAsync());
        var second = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
        api.Clock.Advance(Grace);

        await (await RefreshAsync(first.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");

        // The thief or the owner may hold the newer token; neither gets to keep the sign-in.
        await (await RefreshAsync(second.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");
        await (await RefreshAsync(first.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");
    }

    [Fact]
    public async Task AnOlderTokenThanTheLastRotatedOneIsReuseEvenWithinTheGrace()
    {
        var first = await LoginAsync(await api.CreateHostAsync());
        var second = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
        await (await RefreshAsync(second.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();

        await (await RefreshAsync(first.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");
    }

    [Fact]
    public async Task ReuseRevokesOnlyThatSignIn()
    {
        var host = await api.CreateHostAsync();
        var stolen = await LoginAsync(host);
        var other = await LoginAsync(host);
        await (await RefreshAsync(stolen.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
        api.Clock.Advance(Grace);
        await (await RefreshAsync(stolen.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");

        await (await RefreshAsync(other.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
    }

    private async Task<TokenPairDto> LoginAsync(TestUser user)
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        return await response.ShouldSucceedAsync<TokenPairDto>();
    }

    private Task<HttpResponseMessage> RefreshAsync(string token) =>
        api.Anonymous().PostAsync("/v1/auth/refresh", ApiJson.Body(new { RefreshToken = token }));
}
