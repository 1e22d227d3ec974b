using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Roomcast.Libraries;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthFlowsCollection.Name)]
public sealed class ViewerDeviceTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task RegisteredViewerSignsInWithItsDeviceTokenAndSeesItself()
    {
        var registered = await RegisterAsync(new { DisplayName = "  Vera Viewer " });

        Assert.Equal("viewer", registered.User.Role);
        Assert.Null(registered.User.Email);
        Assert.Equal("Vera Viewer", registered.User.DisplayName);
        Assert.Equal(Tokens.DefaultLibraryId, registered.User.LibraryId);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", registered.DeviceToken);
        Assert.False(string.IsNullOrEmpty(registered.RefreshToken));

        var login = await (await DeviceLoginAsync(registered.DeviceToken)).ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(registered.User.Id, login.User.Id);
        Assert.NotEqual(registered.RefreshToken, login.RefreshToken);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", login.AccessToken);
        var me = await (await api.Anonymous().SendAsync(request)).ShouldSucceedAsync<AuthUserDto>();
        Assert.Equal(registered.User.Id, me.Id);
        Assert.Equal("viewer", me.Role);
    }

    [Fact]
    public async Task EachRegistrationGetsItsOwnViewerAndDeviceToken()
    {
        var first = await RegisterAsync(new { DisplayName = "One" });
        var second = await RegisterAsync(new { DisplayName = "Two" });

        Assert.NotEqual(first.User.Id, second.User.Id);
        Assert.NotEqual(first.DeviceToken, second.DeviceToken);
        var login = await (await DeviceLoginAsync(second.DeviceToken)).ShouldSucceedAsync<TokenPairDto>();
        Assert.Equal(second.User.Id, login.User.Id);
    }

    [Fact]
    public async Task ViewerMayRegisterInANamedLibrary()
    {
        var libraryId = Guid.NewGuid();
        await api.Services.GetRequiredService<IGrainFactory>().GetGrain<ILibraryGrain>(libraryId).CreateAsync("Tests library");

        var registered = await RegisterAsync(new { DisplayName = "Lib viewer", LibraryId = libraryId });

        Assert.Equal(libraryId, registered.User.LibraryId);
    }

    [Fact]
    public async Task RegisteringInAnUnknownLibraryIs400OnLibraryId()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/viewer/register",
            ApiJson.Body(new { DisplayName = "Lost", LibraryId = Guid.NewGuid() }));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "library_id");
    }

    [Fact]
    public async Task RegisteringNeedsADisplayName()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/viewer/register", ApiJson.Raw("""{"display_name": "  "}"""));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "display_name");
    }

    [Fact]
    public async Task RegisteringRejectsAMalformedLibraryIdAndUnknownFields()
    {
        var malformed = await api.Anonymous().PostAsync("/v1/auth/viewer/register", ApiJson.Raw("""{"display_name": "V", "library_id": "nope"}"""));
        await malformed.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "library_id");
        var unknown = await api.Anonymous().PostAsync("/v1/auth/viewer/register", ApiJson.Raw("""{"display_name": "V", "role": "admin"}"""));
        await unknown.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "role");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    public async Task UnknownDeviceTokenIs401(string token)
    {
        await (await DeviceLoginAsync(token)).ShouldFailAsync(HttpStatusCode.Unauthorized, "invalid_device_token");
    }

    [Fact]
    public async Task DeviceLoginNeedsTheToken()
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/device/login", ApiJson.Raw("{}"));
        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "device_token");
    }

    private async Task<ViewerRegisterDto> RegisterAsync(object body)
    {
        var response = await api.Anonymous().PostAsync("/v1/auth/viewer/register", ApiJson.Body(body));
        return await response.ShouldSucceedAsync<ViewerRegisterDto>(HttpStatusCode.Created);
    }

    private Task<HttpResponseMessage> DeviceLoginAsync(string token) =>
        api.Anonymous().PostAsync("/v1/auth/device/login", ApiJson.Body(new { DeviceToken = token }));
}
