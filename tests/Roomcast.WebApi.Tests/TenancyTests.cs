using System.Net;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

/// <summary>Libraries are tenants: nothing of another library is visible, and library-scoped routes apply the scope.</summary>
[Collection(TenancyCollection.Name)]
public sealed class TenancyTests(RoomcastApiFactory api)
{
    private static readonly Guid DefaultLibrary = Tokens.DefaultLibraryId;

    private async Task<(LibraryDto Library, TestUser Host)> HostInNewLibraryAsync()
    {
        var library = await api.CreateLibraryAsync();
        return (library, await api.CreateUserAsync("host", library.Id));
    }

    [Fact]
    public async Task RoomsAndSessionsBelongToTheirCreatorsLibrary()
    {
        var (library, host) = await HostInNewLibraryAsync();

        var room = await api.CreateRoomAsync(host);
        var session = await api.CreateSessionAsync(host, room.Id);

        Assert.Equal(library.Id, room.LibraryId);
        Assert.Equal(library.Id, session.LibraryId);
        var me = await (await host.Client.GetAsync("/v1/auth/me")).ShouldSucceedAsync<UserDto>();
        Assert.Equal(library.Id, me.LibraryId);
    }

    [Fact]
    public async Task AnotherLibrarysPublicRoomAndSessionDoNotExistForAHost()
    {
        var (_, host) = await HostInNewLibraryAsync();
        var (_, outsider) = await HostInNewLibraryAsync();
        var room = await api.CreateRoomAsync(host, "public");
        var session = await api.CreateSessionAsync(host, room.Id, visibility: "public");

        await (await outsider.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await outsider.Client.GetAsync($"/v1/rooms/{room.Id}/sessions")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await outsider.Client.GetAsync($"/v1/sessions/{session.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await outsider.Client.PostAsync($"/v1/sessions/{session.Id}/start", null)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await outsider.Client.PatchAsync($"/v1/rooms/{room.Id}", ApiJson.Body(new { Title = "taken" })))
            .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        var rooms = await (await outsider.Client.GetAsync("/v1/rooms?limit=100")).ShouldSucceedAsync<ListDto<RoomDto>>();
        Assert.DoesNotContain(rooms.Items, r => r.Id == room.Id);
        var sessions = await (await outsider.Client.GetAsync("/v1/sessions?limit=100")).ShouldSucceedAsync<ListDto<SessionDto>>();
        Assert.DoesNotContain(sessions.Items, s => s.Id == session.Id);
    }

    [Fact]
    public async Task ListingsOfAHostShowTheirOwnLibrarysPublicRooms()
    {
        var (library, host) = await HostInNewLibraryAsync();
        var neighbour = await api.CreateUserAsync("viewer", library.Id);
        var room = await api.CreateRoomAsync(host, "public");

        var rooms = await (await neighbour.Client.GetAsync("/v1/rooms?limit=100")).ShouldSucceedAsync<ListDto<RoomDto>>();

        Assert.Contains(rooms.Items, r => r.Id == room.Id);
        Assert.All(rooms.Items, r => Assert.Equal(library.Id, r.LibraryId));
    }

    [Fact]
    public async Task LibraryScopedRoutesCreateAndReadInsideTheLibrary()
    {
        var (library, host) = await HostInNewLibraryAsync();
        var prefix = $"/v1/libraries/{library.Id}";

        var created = await host.Client.PostAsync($"{prefix}/rooms", ApiJson.Body(new { Title = "Scoped room" }));
        var room = await created.ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal($"{prefix}/rooms/{room.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(library.Id, room.LibraryId);

        var sessionResponse = await host.Client.PostAsync($"{prefix}/rooms/{room.Id}/sessions",
            ApiJson.Body(new { Name = "Scoped session", Type = "broadcast", ScheduledAt = DateTimeOffset.UtcNow.AddHours(1) }));
        var session = await sessionResponse.ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
        Assert.Equal($"{prefix}/sessions/{session.Id}", sessionResponse.Headers.Location?.OriginalString);

        await (await host.Client.GetAsync($"{prefix}/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
        await (await host.Client.PostAsync($"{prefix}/sessions/{session.Id}/start", null)).ShouldSucceedAsync<SessionDto>();
        var live = await (await host.Client.GetAsync($"{prefix}/sessions/live")).ShouldSucceedAsync<ListDto<SessionDto>>();
        Assert.Equal([session.Id], live.Items.Select(s => s.Id));
    }

    [Fact]
    public async Task AnotherLibrarysPrefixIsNotFoundForEveryNonAdmin()
    {
        var (library, host) = await HostInNewLibraryAsync();
        var (_, outsider) = await HostInNewLibraryAsync();
        var viewer = await api.CreateViewerAsync();
        var room = await api.CreateRoomAsync(host, "public");

        foreach (var caller in new[] { outsider, viewer })
        {
            await (await caller.Client.GetAsync($"/v1/libraries/{library.Id}/rooms")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
            await (await caller.Client.GetAsync($"/v1/libraries/{library.Id}/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

            // Even where their role could never do it (a viewer creating a room), the library is what they are told of.
            await (await caller.Client.PostAsync($"/v1/libraries/{library.Id}/rooms", ApiJson.Body(new { Title = "intruder" })))
                .ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        }

        // Even its owner cannot reach it through another library's prefix.
        await (await host.Client.GetAsync($"/v1/libraries/{DefaultLibrary}/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AdminsReachEveryLibraryButOnlyThroughTheRightPrefix()
    {
        var admin = await api.AdminAsync();
        var (library, host) = await HostInNewLibraryAsync();
        var (other, _) = await HostInNewLibraryAsync();
        var room = await api.CreateRoomAsync(host, "private");

        await (await admin.Client.GetAsync($"/v1/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
        await (await admin.Client.GetAsync($"/v1/libraries/{library.Id}/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
        await (await admin.Client.GetAsync($"/v1/libraries/{other.Id}/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");

        var listed = await (await admin.Client.GetAsync($"/v1/libraries/{library.Id}/rooms/mine")).ShouldSucceedAsync<ListDto<RoomDto>>();
        Assert.Empty(listed.Items);
        var created = await (await admin.Client.PostAsync($"/v1/libraries/{other.Id}/rooms", ApiJson.Body(new { Title = "Placed by admin" })))
            .ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal(other.Id, created.LibraryId);
    }

    [Fact]
    public async Task StatsOfALibraryCountOnlyItsSessions()
    {
        var admin = await api.AdminAsync();
        var (library, host) = await HostInNewLibraryAsync();
        var room = await api.CreateRoomAsync(host);
        await api.CreateSessionAsync(host, room.Id);
        await api.StartSessionAsync(host, (await api.CreateSessionAsync(host, room.Id)).Id);

        var stats = await (await admin.Client.GetAsync($"/v1/libraries/{library.Id}/sessions/stats")).ShouldSucceedAsync<StatsDto>();

        Assert.Equal(new StatsDto(2, 1, 1, 0, 0, 0, 0), stats);
    }

    [Fact]
    public async Task UnknownOrMalformedLibraryIdsAreRefused()
    {
        var admin = await api.AdminAsync();

        await (await admin.Client.GetAsync($"/v1/libraries/{Guid.NewGuid()}/rooms")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.GetAsync("/v1/libraries/not-a-library/rooms")).ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "library_id");
        await (await api.Anonymous().GetAsync($"/v1/libraries/{DefaultLibrary}/rooms")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnApiKeySeesOnlyItsOwnLibrary()
    {
        var (library, host) = await HostInNewLibraryAsync();
        var room = await api.CreateRoomAsync(host, "public");
        var (_, foreignKey) = await api.CreateApiKeyClientAsync("host");
        var ownKey = api.ApiKeyClient((await api.CreateApiKeyAsync(library.Id, "viewer")).Key);

        await (await foreignKey.GetAsync($"/v1/rooms/{room.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await foreignKey.GetAsync($"/v1/libraries/{library.Id}/rooms")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await ownKey.GetAsync($"/v1/libraries/{library.Id}/rooms/{room.Id}")).ShouldSucceedAsync<RoomDto>();
    }

    [Fact]
    public async Task AnApiKeyHasNoUserToSignInAs()
    {
        var (_, key) = await api.CreateApiKeyClientAsync("host");

        await (await key.GetAsync("/v1/auth/me")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await key.PostAsync("/v1/auth/code", null)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task AdminsCreateUsersOnlyInLibrariesThatExist()
    {
        var admin = await api.AdminAsync();

        var response = await admin.Client.PostAsync("/v1/admin/users", ApiJson.Body(new
        {
            Email = $"lost-{Guid.NewGuid():N}@tests.roomcast.local", Password = "long-enough-password", DisplayName = "Lost", Role = "host",
            LibraryId = Guid.NewGuid(),
        }));

        await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", "library_id");
    }
}
