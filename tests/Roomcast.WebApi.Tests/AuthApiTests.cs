using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthCollection.Name)]
public sealed class AuthApiTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task LoginReturnsBearerTokenForBootstrapAdmin()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login",
            new { email = RoomcastApiFactory.AdminEmail, password = RoomcastApiFactory.AdminPassword });

        var auth = await response.ShouldSucceedAsync<AuthDto>();
        Assert.Equal("Bearer", auth.TokenType);
        Assert.Equal(3, auth.AccessToken.Split('.').Length);
        Assert.Equal(900, auth.ExpiresIn);
        Assert.Equal("admin", auth.User.Role);
        Assert.Equal(RoomcastApiFactory.AdminEmail, auth.User.Email);
    }

    [Fact]
    public async Task LoginAcceptsEmailInAnotherCase()
    {
        var host = await api.CreateHostAsync();
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = host.Email!.ToUpperInvariant(), password = host.Password });
        var auth = await response.ShouldSucceedAsync<AuthDto>();
        Assert.Equal(host.Id, auth.User.Id);
    }

    [Fact]
    public async Task LoginRejectsWrongPasswordWith401()
    {
        var host = await api.CreateHostAsync();
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = host.Email, password = "not-the-password" });
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task LoginRejectsUnknownEmailLikeAWrongPassword()
    {
        var response = await api.Anonymous().PostAsJsonAsync("/v1/auth/login", new { email = $"nobody-{Guid.NewGuid():N}@x.test", password = "whatever-password" });
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task LoginRequiresEmailAndPassword()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login", ApiJson.Raw("{}"));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "email");
        Assert.Contains(error.Details!, d => d.Field == "password");
    }

    [Fact]
    public async Task LoginRejectsMalformedJson()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login", ApiJson.Raw("{not json"));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Null(error.Details);
    }

    [Fact]
    public async Task LoginWithoutBodyIs400()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login", ApiJson.Raw(""));
        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "body");
        Assert.DoesNotContain("Service", error.Message);
    }

    [Fact]
    public async Task LoginRejectsUnknownField()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login",
            ApiJson.Raw("""{"email": "a@b.test", "password": "x", "remember_me": true}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "remember_me");
    }

    [Fact]
    public async Task LoginRejectsWrongJsonTypeNamingTheField()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/login", ApiJson.Raw("""{"email": 42, "password": "x"}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "email");
    }

    [Fact]
    public async Task MeReturnsTheCallersProfile()
    {
        var viewer = await api.CreateViewerAsync();
        var me = await (await viewer.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync<UserDto>();
        Assert.Equal(viewer.Id, me.Id);
        Assert.Equal(viewer.Email, me.Email);
        Assert.Equal("viewer", me.Role);
    }

    [Fact]
    public async Task MeWithoutTokenIs401()
    {
        var response = await api.Anonymous().GetAsync("/v1/auth/me");
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task MeWithGarbageTokenIs401()
    {
        var response = await SendWithTokenAsync("/v1/auth/me", "not-a-jwt-at-all");
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task MeWithTokenSignedByAnotherKeyIs401()
    {
        var response = await SendWithTokenAsync("/v1/auth/me", Tokens.SignedWithAnotherKey(Guid.NewGuid(), "admin"));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task MeWithExpiredTokenIs401()
    {
        var admin = await api.AdminAsync();
        var response = await SendWithTokenAsync("/v1/auth/me", Tokens.Expired(admin.Id, "admin"));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task MeWithTamperedPayloadIs401()
    {
        var viewer = await api.CreateViewerAsync();
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(viewer.Token.Split('.')[1]));
        Assert.Contains("\"role\":\"viewer\"", payload);
        var promoted = Tokens.WithPayload(viewer.Token, payload.Replace("\"role\":\"viewer\"", "\"role\":\"admin\""));

        var response = await SendWithTokenAsync("/v1/admin/users", promoted, HttpMethod.Post,
            ApiJson.Body(new { Email = $"x-{Guid.NewGuid():N}@x.test", Password = "long-enough-1", DisplayName = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task MeWithValidlySignedTokenOfUnknownUserIs404()
    {
        var token = Tokens.Mint(Guid.NewGuid(), "host", RoomcastApiFactory.SigningKeyBytes, DateTimeOffset.UtcNow.AddMinutes(5));
        var response = await SendWithTokenAsync("/v1/auth/me", token);
        await response.ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<HttpResponseMessage> SendWithTokenAsync(string path, string token, HttpMethod? method = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.Anonymous().SendAsync(request);
    }
}
