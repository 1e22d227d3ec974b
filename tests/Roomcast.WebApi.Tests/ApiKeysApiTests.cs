using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Roomcast.WebApi.Tests.Infrastructure;

namespace Roomcast.WebApi.Tests;

[Collection(LibrariesCollection.Name)]
public sealed partial class ApiKeysApiTests(RoomcastApiFactory api)
{
    [GeneratedRegex("^rk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyFormat();

    [Fact]
    public async Task CreatedKeyShowsItsSecretOnceAndListAndGetNeverDo()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();

        var response = await admin.Client.PostAsync($"/v1/admin/libraries/{library.Id}/api_keys",
            ApiJson.Body(new { Name = "  Encoder farm  ", Role = "host" }));

        var created = await response.ShouldSucceedAsync<CreatedApiKeyDto>(HttpStatusCode.Created);
        Assert.Matches(KeyFormat(), created.Key);
        Assert.Equal("Encoder farm", created.Name);
        Assert.Equal("host", created.Role);
        Assert.Equal(library.Id, created.LibraryId);
        Assert.Equal($"rk_{created.Id:N}_", created.Prefix);
        Assert.StartsWith(created.Prefix, created.Key);
        Assert.Equal(created.Key[^4..], created.Last4);
        Assert.Equal($"/v1/admin/libraries/{library.Id}/api_keys/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.CacheControl?.NoStore);

        var secret = created.Key[created.Prefix.Length..];
        var listBody = await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys")).Content.ReadAsStringAsync();
        var getResponse = await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys/{created.Id}");
        var getBody = await getResponse.Content.ReadAsStringAsync();
        foreach (var body in new[] { listBody, getBody })
        {
            Assert.DoesNotContain(secret, body);
            Assert.DoesNotContain("\"key\"", body);
        }

        var listed = JsonDocument.Parse(listBody).RootElement.GetProperty("data").Deserialize<ListDto<ApiKeyDto>>(ApiJson.Options)!;
        var key = Assert.Single(listed.Items);
        Assert.Equal(new ApiKeyDto(created.Id, created.Name, "host", library.Id, created.Prefix, created.Last4, created.CreatedOn, null), key);
        Assert.Equal(key, await getResponse.ShouldSucceedAsync<ApiKeyDto>());
    }

    [Fact]
    public async Task HostKeyCreatesRoomAndReadsItBack()
    {
        var (key, client) = await api.CreateApiKeyClientAsync("host");

        var created = await (await client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Server-made room", Visibility = "private" })))
            .ShouldSucceedAsync<RoomDto>(HttpStatusCode.Created);
        Assert.Equal(key.Id, created.OwnerId);

        var read = await (await client.GetAsync($"/v1/rooms/{created.Id}")).ShouldSucceedAsync<RoomDto>();
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("Server-made room", read.Title);
    }

    [Fact]
    public async Task ViewerKeyMayReadButCannotCreateRoom()
    {
        var (_, client) = await api.CreateApiKeyClientAsync("viewer");

        await (await client.GetAsync("/v1/rooms")).ShouldSucceedAsync();
        var response = await client.PostAsync("/v1/rooms", ApiJson.Body(new { Title = "Nope" }));
        await response.ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task RevokedKeyIs401AndStaysListedAsRevoked()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();
        var key = await api.CreateApiKeyAsync(library.Id, "host");
        var client = api.ApiKeyClient(key.Key);
        await (await client.GetAsync("/v1/rooms")).ShouldSucceedAsync();

        var revoked = await (await admin.Client.DeleteAsync($"/v1/admin/libraries/{library.Id}/api_keys/{key.Id}")).ShouldSucceedAsync<ApiKeyDto>();
        Assert.NotNull(revoked.RevokedOn);

        var error = await (await client.GetAsync("/v1/rooms")).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("API key", error.Message);

        // Revoking again changes nothing.
        var again = await (await admin.Client.DeleteAsync($"/v1/admin/libraries/{library.Id}/api_keys/{key.Id}")).ShouldSucceedAsync<ApiKeyDto>();
        Assert.Equal(revoked, again);

        var listed = await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys")).ShouldSucceedAsync<ListDto<ApiKeyDto>>();
        Assert.Equal(revoked, Assert.Single(listed.Items));
    }

    public static TheoryData<string> BadKeys => new()
    {
        "garbage",
        "rk_",
        " ",
        $"rk_{Guid.NewGuid():N}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}",
        $"rk_{Guid.NewGuid():N}_short",
        $"Bearer rk_{Guid.NewGuid():N}",
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task MalformedOrUnknownKeyIs401(string key)
    {
        var response = await api.ApiKeyClient(key).GetAsync("/v1/rooms");
        await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TamperedKeyIs401()
    {
        var (key, _) = await api.CreateApiKeyClientAsync("host");
        var other = await api.CreateApiKeyAsync(key.LibraryId, "host");

        // Every single-character change of the secret's last character, the id in upper case, and one key's id with another's secret.
        var last = key.Key[^1];
        var tampered = new List<string>
        {
            key.Key[..^1] + (last == 'A' ? 'B' : 'A'),
            key.Key[..^1] + (last == 'B' ? 'C' : 'B'),
            key.Prefix.ToUpperInvariant().Replace("RK_", "rk_") + key.Key[key.Prefix.Length..],
            key.Prefix + other.Key[other.Prefix.Length..],
            key.Key + "x",
        };
        foreach (var bad in tampered)
        {
            var response = await api.ApiKeyClient(bad).GetAsync("/v1/rooms");
            await response.ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        // The genuine keys still work.
        await (await api.ApiKeyClient(key.Key).GetAsync("/v1/rooms")).ShouldSucceedAsync();
        await (await api.ApiKeyClient(other.Key).GetAsync("/v1/rooms")).ShouldSucceedAsync();
    }

    [Fact]
    public async Task RequestWithBothBearerTokenAndApiKeyIs400()
    {
        var admin = await api.AdminAsync();
        var (key, _) = await api.CreateApiKeyClientAsync("host");

        var client = api.ApiKeyClient(key.Key);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);

        await (await client.GetAsync("/v1/rooms")).ShouldFailAsync(HttpStatusCode.BadRequest, "ambiguous_credentials");
        await (await client.GetAsync("/v1/admin/libraries")).ShouldFailAsync(HttpStatusCode.BadRequest, "ambiguous_credentials");
    }

    [Fact]
    public async Task KeysCannotManageKeysOrLibraries()
    {
        var (key, client) = await api.CreateApiKeyClientAsync("host");

        await (await client.PostAsync($"/v1/admin/libraries/{key.LibraryId}/api_keys", ApiJson.Body(new { Name = "X", Role = "host" })))
            .ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync($"/v1/admin/libraries/{key.LibraryId}/api_keys")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        await (await client.GetAsync("/v1/admin/libraries")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task NonAdminsCannotManageKeys()
    {
        var host = await api.CreateHostAsync();
        var viewer = await api.CreateViewerAsync();
        var library = await api.CreateLibraryAsync();
        var key = await api.CreateApiKeyAsync(library.Id, "viewer");
        var root = $"/v1/admin/libraries/{library.Id}/api_keys";

        foreach (var user in new[] { host, viewer })
        {
            await (await user.Client.PostAsync(root, ApiJson.Body(new { Name = "X", Role = "host" }))).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await user.Client.GetAsync(root)).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await user.Client.GetAsync($"{root}/{key.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
            await (await user.Client.DeleteAsync($"{root}/{key.Id}")).ShouldFailAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        await (await api.Anonymous().GetAsync(root)).ShouldFailAsync(HttpStatusCode.Unauthorized, "unauthorized");

        // The key was not revoked by any of those attempts.
        await (await api.ApiKeyClient(key.Key).GetAsync("/v1/rooms")).ShouldSucceedAsync();
    }

    [Fact]
    public async Task UnknownLibraryIs404OnEveryKeyRoute()
    {
        var admin = await api.AdminAsync();
        var root = $"/v1/admin/libraries/{Guid.NewGuid()}/api_keys";

        await (await admin.Client.PostAsync(root, ApiJson.Body(new { Name = "X", Role = "host" }))).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.GetAsync(root)).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.GetAsync($"{root}/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.DeleteAsync($"{root}/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task KeyOfAnotherLibraryIsNotFoundAndNotRevokedThroughIt()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();
        var other = await api.CreateLibraryAsync();
        var key = await api.CreateApiKeyAsync(library.Id, "host");

        await (await admin.Client.GetAsync($"/v1/admin/libraries/{other.Id}/api_keys/{key.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.DeleteAsync($"/v1/admin/libraries/{other.Id}/api_keys/{key.Id}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        var listed = await (await admin.Client.GetAsync($"/v1/admin/libraries/{other.Id}/api_keys")).ShouldSucceedAsync<ListDto<ApiKeyDto>>();
        Assert.Empty(listed.Items);

        await (await api.ApiKeyClient(key.Key).GetAsync("/v1/rooms")).ShouldSucceedAsync();
    }

    [Fact]
    public async Task AdminKeysAreRefused()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();

        var response = await admin.Client.PostAsync($"/v1/admin/libraries/{library.Id}/api_keys", ApiJson.Body(new { Name = "Root", Role = "admin" }));

        var error = await response.ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "role");
        Assert.Contains("host or viewer", error.MessageOf("role"));
    }

    [Fact]
    public async Task CreateKeyListsEveryInvalidField()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();
        var root = $"/v1/admin/libraries/{library.Id}/api_keys";

        var error = await (await admin.Client.PostAsync(root, ApiJson.Body(new { Name = "", Role = "owner" })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["name", "role"], error.Details!.Select(d => d.Field).Order());

        await (await admin.Client.PostAsync(root, ApiJson.Body(new { Name = new string('k', 101), Role = "host" })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "name");
        await (await admin.Client.PostAsync(root, ApiJson.Body(new { Name = "No role" })))
            .ShouldFailAsync(HttpStatusCode.BadRequest, "validation_failed", field: "role");
    }

    [Fact]
    public async Task KeysArePagedNewestFirst()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();
        var keys = new List<CreatedApiKeyDto>();
        for (var i = 0; i < 3; i++)
        {
            keys.Add(await api.CreateApiKeyAsync(library.Id, i % 2 == 0 ? "host" : "viewer"));
        }

        var first = await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys?limit=2")).ShouldSucceedAsync<ListDto<ApiKeyDto>>();
        Assert.Equal([keys[2].Id, keys[1].Id], first.Items.Select(k => k.Id));
        Assert.NotNull(first.NextCursor);

        var second = await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys?limit=2&start_after={first.NextCursor}"))
            .ShouldSucceedAsync<ListDto<ApiKeyDto>>();
        Assert.Equal([keys[0].Id], second.Items.Select(k => k.Id));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task UnknownKeyInKnownLibraryIs404()
    {
        var admin = await api.AdminAsync();
        var library = await api.CreateLibraryAsync();
        await (await admin.Client.GetAsync($"/v1/admin/libraries/{library.Id}/api_keys/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.Client.DeleteAsync($"/v1/admin/libraries/{library.Id}/api_keys/{Guid.NewGuid()}")).ShouldFailAsync(HttpStatusCode.NotFound, "not_found");
    }
}
