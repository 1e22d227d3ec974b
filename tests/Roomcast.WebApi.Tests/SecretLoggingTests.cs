using System.Net;
using System.Net.Http.Json;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Every auth flow, successes and failures, with all logging on: no password, token or code may appear in a log line.</summary>
[Collection(SecretLoggingCollection.Name)]
public sealed class SecretLoggingTests(LogCapturingApiFactory api)
{
    [Fact]
    public async Task NoSecretOfAnyAuthFlowAppearsInTheLogs()
    {
        var secrets = new List<string>();
        var anonymous = api.Anonymous();

        // Password login, then refresh rotation and reuse detection, then logout.
        var host = await api.CreateHostAsync();
        secrets.Add(host.Password);
        var login = await (await anonymous.PostAsJsonAsync("/v1/auth/login", new { email = host.Email, password = host.Password }))
            .ShouldSucceedAsync<TokenPairDto>();
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        secrets.Add(wrongPassword);
        await (await anonymous.PostAsJsonAsync("/v1/auth/login", new { email = host.Email, password = wrongPassword }))
            .ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var rotated = await (await Post("/v1/auth/refresh", new { RefreshToken = login.RefreshToken })).ShouldSucceedAsync<TokenPairDto>();
        await (await Post("/v1/auth/refresh", new { RefreshToken = login.RefreshToken })).ShouldFailAsync(HttpStatusCode.Unauthorized, "refresh_token_reused");
        var second = await (await anonymous.PostAsJsonAsync("/v1/auth/login", new { email = host.Email, password = host.Password }))
            .ShouldSucceedAsync<TokenPairDto>();
        await (await Post("/v1/auth/logout", new { RefreshToken = second.RefreshToken })).ShouldSucceedAsync();
        await (await Post("/v1/auth/refresh", new { RefreshToken = second.RefreshToken })).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_refresh_token");
        secrets.AddRange([login.RefreshToken, rotated.RefreshToken, second.RefreshToken, login.AccessToken, rotated.AccessToken]);

        // Viewer registration and device login, with a forged device token.
        var viewer = await (await Post("/v1/auth/viewer/register", new { DisplayName = "Logged viewer" }))
            .ShouldSucceedAsync<ViewerRegisterDto>(HttpStatusCode.Created);
        var device = await (await Post("/v1/auth/device/login", new { DeviceToken = viewer.DeviceToken })).ShouldSucceedAsync<TokenPairDto>();
        var forgedDevice = viewer.DeviceToken[..^4] + "AAAA";
        await (await Post("/v1/auth/device/login", new { DeviceToken = forgedDevice })).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_device_token");
        secrets.AddRange([viewer.DeviceToken, viewer.RefreshToken, device.RefreshToken, forgedDevice]);

        // A code, exchanged twice; a studio URL's code.
        var code = await (await host.Client.PostAsync("/v1/auth/code", null)).ShouldSucceedAsync<AuthCodeDto>();
        await (await Post("/v1/auth/code/exchange", new { Code = code.Code })).ShouldSucceedAsync<TokenPairDto>();
        await (await Post("/v1/auth/code/exchange", new { Code = code.Code })).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_code");
        var room = await api.CreateRoomAsync(host);
        var session = await api.CreateSessionAsync(host, room.Id);
        var studio = await (await host.Client.PostAsync($"/v1/sessions/{session.Id}/studio_url", null)).ShouldSucceedAsync<StudioUrlDto>();
        var studioCode = studio.Url[(studio.Url.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        await (await Post("/v1/auth/code/exchange", new { Code = studioCode })).ShouldSucceedAsync<TokenPairDto>();
        secrets.AddRange([code.Code, studioCode]);

        var lines = api.Lines.ToList();
        Assert.True(lines.Count > 100, $"expected the flows to log at Trace level, got {lines.Count} lines");
        Assert.Contains(lines, line => line.Contains("Refresh token reuse", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"a secret appears in the log: {leak}");
        }
    }

    private Task<HttpResponseMessage> Post(string path, object body) => api.Anonymous().PostAsync(path, ApiJson.Body(body));
}
