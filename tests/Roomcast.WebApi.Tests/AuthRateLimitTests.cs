using System.Net;
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
    public async Task RoutesWithoutCredentialsAreNotLimited()
    {
        var client = api.AnonymousFrom("203.0.113.40");
        for (var i = 0; i < RateLimitedApiFactory.PermitLimit * 3; i++)
        {
            await (await client.PostAsync("/v1/auth/logout", ApiJson.Body(new { RefreshToken = "x" }))).ShouldSucceedAsync();
        }
    }

    private static Task<HttpResponseMessage> WrongLoginAsync(HttpClient client) =>
        client.PostAsJsonAsync("/v1/auth/login", new { email = "nobody@tests.roomcast.local", password = "wrong-password" });
}
