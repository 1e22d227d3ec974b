using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthFlowsCollection.Name)]
public sealed class RefreshTokenTests(RoomcastApiFactory api)
{
    private const int ThirtyDays = 30 * 24 * 3600;

    [Fact]
    public async Task LoginReturnsARefreshTokenThatLivesThirtyDays()
    {
        var pair = await LoginAsync(await api.CreateHostAsync());

        Assert.Equal("Bearer", pair.TokenType);
        Assert.Equal(900, pair.ExpiresIn);
        Assert.Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}$", pair.RefreshToken);
        Assert.InRange(pair.RefreshExpiresIn, ThirtyDays - 60, ThirtyDays);
    }

    [Fact]
    public async Task RefreshReturnsANewPairWhoseAccessTokenWorks()
    {
        var host = await api.CreateHostAsync();
        var first = await LoginAsync(host);

        var second = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(first.RefreshToken.Split('.')[0], second.RefreshToken.Split('.')[0]);
        Assert.Equal(host.Id, second.User.Id);
        Assert.InRange(second.RefreshExpiresIn, 1, first.RefreshExpiresIn);
        var me = await (await GetMeAsync(second.AccessToken)).ShouldSucceedAsync<AuthUserDto>();
        Assert.Equal(host.Id, me.Id);
    }

    [Fact]
    public async Task EachRefreshTokenRotatesAndTheChainKeepsWorking()
    {
        var pair = await LoginAsync(await api.CreateHostAsync());
        for (var i = 0; i < 5; i++)
        {
            pair = await (await RefreshAsync(pair.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
        }

        await (await GetMeAsync(pair.AccessToken)).ShouldSucceedAsync<AuthUserDto>();
    }

    [Fact]
    public async Task AWrongSecretForAKnownFamilyIsInvalidAndRevokesNothing()
    {
        var pair = await LoginAsync(await api.CreateHostAsync());
        var forged = pair.RefreshToken.Split('.')[0] + "." + new string('A', 43);

        await (await RefreshAsync(forged)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");

        await (await RefreshAsync(pair.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-guid-not-a-guid-not-a-guid.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownOrGarbledRefreshTokenIs401(string token)
    {
        var response = await RefreshAsync(token);
        var error = await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.DoesNotContain(token, error.Message);
    }

    [Fact]
    public async Task RefreshRequiresTheToken()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/refresh", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "refresh_token");
    }

    [Fact]
    public async Task RefreshRejectsUnknownFields()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/refresh", ApiJson.Raw("""{"refresh_token": "x", "grant_type": "refresh"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "grant_type");
    }

    [Fact]
    public async Task LogoutRevokesTheRefreshTokenAndItsSuccessors()
    {
        var first = await LoginAsync(await api.CreateHostAsync());
        var second = await (await RefreshAsync(first.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();

        var logout = await (await LogoutAsync(second.RefreshToken)).ShouldSucceedAsync<LogoutDto>();

        Assert.True(logout.LoggedOut);
        await (await RefreshAsync(second.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task LogoutAnswersTheSameForValidUnknownAndGarbledTokens()
    {
        var pair = await LoginAsync(await api.CreateHostAsync());

        var valid = await (await LogoutAsync(pair.RefreshToken)).ShouldSucceedAsync();
        var unknown = await (await LogoutAsync($"{Guid.NewGuid():N}.{new string('B', 43)}")).ShouldSucceedAsync();
        var garbled = await (await LogoutAsync("garbage")).ShouldSucceedAsync();
        var again = await (await LogoutAsync(pair.RefreshToken)).ShouldSucceedAsync();

        Assert.All(new[] { unknown, garbled, again }, data => Assert.Equal(valid.GetRawText(), data.GetRawText()));
    }

    [Fact]
    public async Task LogoutWithMalformedBodyIs400()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/logout", ApiJson.Raw("{not json"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "malformed_json");
        var missing = await api.Anonymous().PostAsync("/v1/auth/logout", ApiJson.Raw("{}"));
        await missing.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "refresh_token");
    }

    private async Task<TokenPairDto> LoginAsync(TestUser user)
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        return await response.ShouldSucceedAsync<TokenPairDto>();
    }

    private Task<HttpResponseMessage> RefreshAsync(string token) =>
        api.Anonymous().PostAsync("/v1/auth/refresh", ApiJson.Body(new { RefreshToken = token }));

    private Task<HttpResponseMessage> LogoutAsync(string token) =>
        api.Anonymous().PostAsync("/v1/auth/logout", ApiJson.Body(new { RefreshToken = token }));

    private Task<HttpResponseMessage> GetMeAsync(string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return api.Anonymous().SendAsync(request);
    }
}
