using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(RateLimitCollection.Name)]
public sealed class AuthRateLimitTests(RateLimitedApiFactory api)
{
    [Fact]
    public async Task LoginBeyondTheLimitIs429WithRetryAfter()
    {
        var client = api.AnonymousFrom("203.0.113.10");
        for (var i = 0; i < RateLimitedApiFactory.PermitLimit; i++)
        {
            await (await WrongLoginAsync(client)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var limited = await WrongLoginAsync(client);

        await limited.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = Assert.Single(limited.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter), 1, 3600);
    }

    [Fact]
    public async Task TheCredentialRoutesShareOneBudgetPerClient()
    {
        var client = api.AnonymousFrom("203.0.113.20");
        await (await client.PostAsync("/v1/auth/refresh", ApiJson.Body(new { RefreshToken = "x" }))).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await (await client.PostAsync("/v1/auth/device/login", ApiJson.Body(new { DeviceToken = "x" }))).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_device_token");
        await (await client.PostAsync("/v1/auth/code/exchange", ApiJson.Body(new { Code = "x" }))).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");

        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/v1/auth/login", new { Email = "a@b.test", Password = "x" }),
                     ("/v1/auth/refresh", new { RefreshToken = "x" }),
                     ("/v1/auth/device/login", new { DeviceToken = "x" }),
                     ("/v1/auth/code/exchange", new { Code = "x" }),
                     ("/v1/auth/viewer/register", new { DisplayName = "x" }),
                 })
        {
            var response = await client.PostAsync(path, ApiJson.Body(body));
            await response.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.True(response.Headers.RetryAfter is not null, $"{path}: no Retry-After");
        }
    }

    [Fact]
    public async Task AnotherClientKeepsItsOwnBudget()
    {
        var noisy = api.AnonymousFrom("203.0.113.30");
        for (var i = 0; i <= RateLimitedApiFactory.PermitLimit; i++)
        {
            await WrongLoginAsync(noisy);
        }

        await (await WrongLoginAsync(noisy)).ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        await (await WrongLoginAsync(api.AnonymousFrom("203.0.113.31"))).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task ALogoutFloodIs429WithRetryAfter()
    {
        var client = api.AnonymousFrom("203.0.113.40");
        for (var i = 0; i < RateLimitedApiFactory.PermitLimit; i++)
        {
            await (await client.PostAsync("/v1/auth/logout", ApiJson.Body(new { RefreshToken = "x" }))).ShouldSucceedAsync();
        }

        var limited = await client.PostAsync("/v1/auth/logout", ApiJson.Body(new { RefreshToken = "x" }));

        await limited.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter is not null, "no Retry-After");
    }

    /// <summary>Per user, not per address: two users behind the same address each have their own budget.</summary>
    [Fact]
    public async Task AnAuthCodeFloodIs429PerUser()
    {
        var noisy = UserFrom("203.0.113.50");
        var quiet = UserFrom("203.0.113.50");
        for (var i = 0; i < RateLimitedApiFactory.PermitLimit; i++)
        {
            await (await noisy.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync();
        }

        var limited = await noisy.PostAsync("/v1/auth/code", null);

        await limited.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter is not null, "no Retry-After");
        await (await quiet.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync();
    }

    [Fact]
    public async Task TheDashboardLoginFormSharesTheCredentialBudget()
    {
        var browser = DashboardBrowser.Open(api, "203.0.113.60");
        for (var i = 0; i < RateLimitedApiFactory.PermitLimit; i++)
        {
            var wrong = await browser.SignInAsync("nobody@tests.roomcast.local", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var limited = await browser.SignInAsync(RoomcastApiFactory.AdminEmail, RoomcastApiFactory.AdminPassword);

        await limited.ShouldFailAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Null(DashboardBrowser.SessionCookie(limited));
    }

    /// <summary>A host of the default library with a token minted here: signing in would spend the login budget.</summary>
    private HttpClient UserFrom(string address)
    {
        var client = api.AnonymousFrom(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Tokens.Mint(Guid.NewGuid(), "host", RoomcastApiFactory.SigningKeyBytes, DateTimeOffset.UtcNow.AddMinutes(10)));
        return client;
    }

    private static Task<HttpResponseMessage> WrongLoginAsync(HttpClient client) =>
        client.PostAsJsonAsync("/v1/auth/login", new { email = "nobody@tests.roomcast.local", password = "wrong-password" });
}
