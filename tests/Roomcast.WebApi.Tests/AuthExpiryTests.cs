using System.Net;
using System.Net.Http.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Code and refresh-token deadlines, driven by the fake identity clock (no waiting).</summary>
[Collection(AuthClockCollection.Name)]
public sealed class AuthExpiryTests(FakeClockApiFactory api)
{
    [Fact]
    public async Task ACodeStillWorksJustBeforeSixtySeconds()
    {
        var host = await api.CreateHostAsync();
        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();

        api.Clock.Advance(TimeSpan.FromSeconds(59));

        await (await ExchangeAsync(code.Code)).ShouldSucceedAsync<TokenPairDto>();
    }

    [Fact]
    public async Task ACodeIsRejectedAfterSixtySeconds()
    {
        var host = await api.CreateHostAsync();
        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();

        api.Clock.Advance(TimeSpan.FromSeconds(60));

        await (await ExchangeAsync(code.Code)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
    }

    [Fact]
    public async Task AStudioCodeIsRejectedAfterSixtySeconds()
    {
        var (host, _, session) = await api.CreateHostWithSessionAsync();
        var studio = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();
        var code = studio.Url[(studio.Url.IndexOf("code=", StringComparison.Ordinal) + 5)..];

        api.Clock.Advance(TimeSpan.FromSeconds(61));

        await (await ExchangeAsync(code)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
    }

    [Fact]
    public async Task ARefreshTokenExpiresWithItsSignInAndRotationDoesNotExtendIt()
    {
        var host = await api.CreateHostAsync();
        var login = await (await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = host.Email, password = host.Password }))
            .ShouldSucceedAsync<TokenPairDto>();

        api.Clock.Advance(TimeSpan.FromDays(29));
        var rotated = await (await RefreshAsync(login.RefreshToken)).ShouldSucceedAsync<TokenPairDto>();
        Assert.InRange(rotated.RefreshExpiresIn, 24 * 3600 - 60, 24 * 3600);

        api.Clock.Advance(TimeSpan.FromDays(1));
        await (await RefreshAsync(rotated.RefreshToken)).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_expired");
    }

    private Task<HttpResponseMessage> ExchangeAsync(string code) =>
        api.Anonymous().PostAsync("/v1/auth/code/exchange", ApiJson.Body(new { Code = code }));

    private Task<HttpResponseMessage> RefreshAsync(string token) =>
        api.Anonymous().PostAsync("/v1/auth/refresh", ApiJson.Body(new { RefreshToken = token }));
}
