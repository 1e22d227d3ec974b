using System.Net;

namespace Roomcast.WebApi.Tests.Infrastructure;

/// <summary>Helpers for libraries and API keys, built through the admin routes with fresh names each call.</summary>
public partial class RoomcastApiFactory
{
    public async Task<LibraryDto> CreateLibraryAsync(string? name = null)
    {
        var admin = await AdminAsync();
        var response = await admin.Client.PostAsync("/v1/admin/libraries",
            ApiJson.Body(new { Name = name ?? "Library " + Guid.NewGuid().ToString("N")[..8] }));
        return await response.ShouldSucceedAsync<LibraryDto>(HttpStatusCode.Created);
    }

    public async Task<CreatedApiKeyDto> CreateApiKeyAsync(Guid libraryId, string role, string? name = null)
    {
        var admin = await AdminAsync();
        var response = await admin.Client.PostAsync($"/v1/admin/libraries/{libraryId}/api_keys",
            ApiJson.Body(new { Name = name ?? $"{role} server {Guid.NewGuid().ToString("N")[..6]}", Role = role }));
        return await response.ShouldSucceedAsync<CreatedApiKeyDto>(HttpStatusCode.Created);
    }

    /// <summary>A key of the given role in a fresh library, and a client that sends it as <c>x-api-key</c>.</summary>
    public async Task<(CreatedApiKeyDto Key, HttpClient Client)> CreateApiKeyClientAsync(string role)
    {
        var library = await CreateLibraryAsync();
        var key = await CreateApiKeyAsync(library.Id, role);
        return (key, ApiKeyClient(key.Key));
    }

    /// <summary>A client that sends <paramref name="key"/> in the <c>x-api-key</c> header and nothing else.</summary>
    public HttpClient ApiKeyClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("x-api-key", key);
        return client;
    }
}
