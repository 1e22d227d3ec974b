using System.Net;
using System.Net.Http.Json;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>Helpers that build what a test needs through the public API itself, with fresh keys each call.</summary>
public partial class RoomcastApiFactory
{
    private readonly SemaphoreSlim _adminLock = new(1, 1);
    private TestUser? _admin;

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => CreateClient();

    /// <summary>The bootstrap admin, logged in once per factory.</summary>
    public async Task<TestUser> AdminAsync()
    {
        await _adminLock.WaitAsync();
        try
        {
            return _admin ??= await LoginAsync(AdminEmail, AdminPassword);
        }
        finally
        {
            _adminLock.Release();
        }
    }

    public async Task<TestUser> LoginAsync(string email, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { email, password });
        var auth = await response.ShouldSucceedAsync<AuthDto>();
        return TestUser.Create(client, auth, password);
    }

    public Task<TestUser> CreateHostAsync() => CreateUserAsync("host");

    public Task<TestUser> CreateViewerAsync() => CreateUserAsync("viewer");

    /// <summary>
    /// An admin creates a user with a fresh email through POST /v1/admin/users (in <paramref name="libraryId"/>, or the
    /// default library); the user then logs in.
    /// </summary>
    public async Task<TestUser> CreateUserAsync(string role, Guid? libraryId = null)
    {
        var admin = await AdminAsync();
        var email = $"{role}-{Guid.NewGuid():N}@tests.roomcast.local";
        var password = "password-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.Client.PostAsJsonAsync("/v1/admin/users",
            new { email, password, display_name = $"Test {role}", role, library_id = libraryId });
        await created.ShouldSucceedAsync<UserDto>(HttpStatusCode.Created);
        return await LoginAsync(email, password);
    }

    public async Task<RoomDto> CreateRoomAsync(TestUser owner, string visibility = "public", string? title = null)
    {
        var response = await owner.Client.PostAsync("/v1/rooms",
            ApiJson.Body(new { Title = title ?? "Room " + Guid.NewGuid().ToString("N")[..8], Visibility = visibility }));
        return await response.ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
    }

    public async Task<SessionDto> CreateSessionAsync(
        TestUser host, Guid roomId, string? name = null, string type = "broadcast", string? visibility = null,
        DateTimeOffset? scheduledAt = null)
    {
        var response = await host.Client.PostAsync($"/v1/rooms/{roomId}/sessions", ApiJson.Body(new
        {
            Name = name ?? "Session " + Guid.NewGuid().ToString("N")[..8],
            Type = type,
            Visibility = visibility,
            ScheduledAt = scheduledAt ?? DateTimeOffset.UtcNow.AddHours(1),
        }));
        return await response.ShouldSucceedAsync<SessionDto>(HttpStatusCode.Created);
    }

    /// <summary>A host with a room of their own (public unless said otherwise).</summary>
    public async Task<(TestUser Host, RoomDto Room)> CreateHostWithRoomAsync(string visibility = "public")
    {
        var host = await CreateHostAsync();
        return (host, await CreateRoomAsync(host, visibility));
    }

    /// <summary>A host with a room and one scheduled session in it.</summary>
    public async Task<(TestUser Host, RoomDto Room, SessionDto Session)> CreateHostWithSessionAsync(string visibility = "public")
    {
        var (host, room) = await CreateHostWithRoomAsync(visibility);
        return (host, room, await CreateSessionAsync(host, room.Id));
    }

    public async Task<SessionDto> StartSessionAsync(TestUser host, Guid sessionId)
    {
        var response = await host.Client.PostAsync($"/v1/sessions/{sessionId}/start", null);
        return await response.ShouldSucceedAsync<SessionDto>();
    }

    public async Task<SessionDto> GetSessionAsync(TestUser user, Guid sessionId) =>
        await (await user.Client.GetAsync($"/v1/sessions/{sessionId}")).ShouldSucceedAsync<SessionDto>();
}
