using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(AuthCollection.Name)]
public sealed class AdminApiTests(RoomcastApiFactory api)
{
    [Fact]
    public async Task AdminCreatesHostWhoCanLogIn()
    {
        var admin = await api.AdminAsync();
        var email = $"New.Host-{Guid.NewGuid():N}@Tests.Roomcast.Local";

        var response = await admin.Client.PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = email, Password = "a-good-password", DisplayName = "  New Host  " }));

        var user = await response.ShouldSucceedAsync<UserDto>(HttpStatusCode.Created);
        Assert.Equal("host", user.Role);
        Assert.Equal(email.ToLowerInvariant(), user.Email);
        Assert.Equal("New Host", user.DisplayName);
        Assert.Equal($"/v1/users/{user.Id}", response.Headers.Location?.OriginalString);

        var host = await api.LoginAsync(email, "a-good-password");
        Assert.Equal(user.Id, host.Id);
    }

    [Fact]
    public async Task AdminCreatesViewerWhenRoleIsViewer()
    {
        var viewer = await api.CreateViewerAsync();
        Assert.Equal("viewer", viewer.Role);
    }

    [Fact]
    public async Task CreateUserRejectsDuplicateEmailWithEmailTaken()
    {
        var admin = await api.AdminAsync();
        var host = await api.CreateHostAsync();

        var response = await admin.Client.PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = host.Email!.ToUpperInvariant(), Password = "another-password", DisplayName = "Dup" }));

        await response.ShouldFailAsync(HttpStatusCode.Conflict, "email_taken", field: "email");
    }

    [Fact]
    public async Task CreateUserListsEveryInvalidField()
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = "not-an-email", Password = "short", DisplayName = "", Role = "superuser" }));

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "email");
        Assert.Equal(["display_name", "email", "password", "role"], error.Details!.Select(d => d.Field).Distinct().Order());
    }

    [Fact]
    public async Task CreateUserIsForbiddenToHosts()
    {
        var host = await api.CreateHostAsync();
        var response = await host.Client.PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = $"x-{Guid.NewGuid():N}@x.test", Password = "a-good-password", DisplayName = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateUserIsForbiddenToViewers()
    {
        var viewer = await api.CreateViewerAsync();
        var response = await viewer.Client.PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = $"x-{Guid.NewGuid():N}@x.test", Password = "a-good-password", DisplayName = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task CreateUserWithoutTokenIs401()
    {
        var response = await api.Anonymous().PostAsync("/v1/admin/users",
            ApiJson.Body(new { Email = $"x-{Guid.NewGuid():N}@x.test", Password = "a-good-password", DisplayName = "X" }));
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
