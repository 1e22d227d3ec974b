using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Validated tokens are cached; these prove the cache never lets a different token through.</summary>
[Collection(AuthCollection.Name)]
public sealed class TokenCacheTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task AFreshTokenIsAcceptedOnEveryRequest()
    {
        var host = await api.CreateHostAsync();

        for (var i = 0; i < 3; i++)
        {
            await (await host.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync();
        }
    }

    [Fact]
    public async Task ATokenWithAlteredSignatureIsRejectedAfterTheGenuineOneWasCached()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync();

        var parts = host.Token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[0] ^= 0x01;
        parts[2] = Base64UrlEncoder.Encode(signature);

        await (await SendAsync(string.Join('.', parts))).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ATokenWhosePayloadWasRaisedToAdminIsRejectedAfterTheGenuineOneWasCached()
    {
        var host = await api.CreateHostAsync();
        await (await host.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync();

        var promoted = Tokens.WithPayload(host.Token,
            $$"""{"sub":"{{host.Id}}","role":"admin","iss":"roomcast","aud":"roomcast-api","exp":{{DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds()}}}""");

        await (await SendAsync(promoted)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await (await host.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/v1/auth/me");
    }
}
