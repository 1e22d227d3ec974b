using Microsoft.AspNetCore.Http.HttpResults;
using Roomcast.ApiKeys;
using Roomcast.Errors;
using Roomcast.Libraries;
using Roomcast.WebApi.Auth;
using Roomcast.WebApi.Contracts;
using Roomcast.WebApi.Infrastructure;

namespace Roomcast.WebApi.Apis;

/// <summary>
/// API keys of a library (seed 001's <c>x-api-key</c>), managed by admins. The secret is shown once, in the
/// creation response. Writes are ordered so a crash never leaves a working key out of its library's list:
/// the list records a key before the key grain exists, and the key grain is revoked before the list says so.
/// </summary>
public static partial class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapAdminGroup("/libraries/{libraryId}/api_keys", "API keys");

        group.MapPost("/", CreateApiKeyAsync)
            .WithName("CreateApiKey").WithSummary("Issue an API key (host or viewer); the key is shown only in this response")
            .ProducesErrors(400, 401, 403, 404, 409);
        group.MapGet("/", ListApiKeysAsync)
            .WithName("ListApiKeys").WithSummary("List a library's API keys, revoked ones included (never the secret)")
            .ProducesErrors(400, 401, 403, 404);
        group.MapGet("/{keyId}", GetApiKeyAsync)
            .WithName("GetApiKey").WithSummary("Get an API key by ID (never the secret)")
            .ProducesErrors(400, 401, 403, 404);
        group.MapDelete("/{keyId}", RevokeApiKeyAsync)
            .WithName("RevokeApiKey").WithSummary("Revoke an API key (idempotent); it stays listed as revoked")
            .ProducesErrors(400, 401, 403, 404);

        return group;
    }

    public static async Task<Created<ApiResponse<CreatedApiKeyResponse>>> CreateApiKeyAsync(
        Guid libraryId, CreateApiKeyRequest request, HttpResponse response, ILoggerFactory loggers, [AsParameters] ApiServices api)
    {
        var library = await RequireLibraryAsync(libraryId, api);
        var (keyId, secret, key) = ApiKeyFormat.Create();

        // Listed first: a crash before the key grain exists leaves a listed key that does not work (revocable), never the reverse.
        var info = await library.AddApiKeyAsync(new NewApiKey(keyId, request.Name!.Trim(), request.ParseRole(), ApiKeyFormat.PrefixOf(keyId), key[^4..]));
        await api.Grains.Get<IApiKeyGrain>(keyId).CreateAsync(info, secret);
        LogIssued(Logger(loggers), keyId, libraryId, ApiEnum.Name(info.Role));

        response.Headers.CacheControl = "no-store";
        return api.Envelope.Created($"/v1/admin/libraries/{libraryId}/api_keys/{keyId}", CreatedApiKeyResponse.From(info, key));
    }

    public static async Task<Ok<ApiResponse<ListResponse<ApiKeyResponse>>>> ListApiKeysAsync(
        Guid libraryId, [AsParameters] PageParameters paging, [AsParameters] ApiServices api)
    {
        var page = paging.ToPageRequest();
        var library = await RequireLibraryAsync(libraryId, api);
        var keys = await library.ListApiKeysAsync(page.Limit, page.StartAfter, page.EndBefore);
        return api.Envelope.Ok(new ListResponse<ApiKeyResponse>(
            keys.Items.Select(ApiKeyResponse.From).ToList(), page.Limit, keys.NextCursor, keys.PreviousCursor));
    }

    public static async Task<Ok<ApiResponse<ApiKeyResponse>>> GetApiKeyAsync(Guid libraryId, Guid keyId, [AsParameters] ApiServices api)
    {
        var library = await RequireLibraryAsync(libraryId, api);
        var key = await library.FindApiKeyAsync(keyId) ?? throw RoomcastException.NotFound("API key");
        return api.Envelope.Ok(ApiKeyResponse.From(key));
    }

    public static async Task<Ok<ApiResponse<ApiKeyResponse>>> RevokeApiKeyAsync(
        Guid libraryId, Guid keyId, ILoggerFactory loggers, [AsParameters] ApiServices api)
    {
        var library = await RequireLibraryAsync(libraryId, api);
        if (await library.FindApiKeyAsync(keyId) is null)
        {
            throw RoomcastException.NotFound("API key");
        }

        // The key stops working first; a crash before the list is marked leaves a revoked key listed as live, and a retry fixes it.
        var revokedOn = await api.Grains.Get<IApiKeyGrain>(keyId).RevokeAsync();
        var key = await library.MarkApiKeyRevokedAsync(keyId, revokedOn) ?? throw RoomcastException.NotFound("API key");
        LogRevoked(Logger(loggers), keyId, libraryId);
        return api.Envelope.Ok(ApiKeyResponse.From(key));
    }

    private static async Task<ILibraryGrain> RequireLibraryAsync(Guid libraryId, ApiServices api)
    {
        var library = api.Grains.Get<ILibraryGrain>(libraryId);
        return await library.FindAsync() is null ? throw RoomcastException.NotFound("Library") : library;
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger(typeof(ApiKeysApi).FullName!);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued API key {KeyId} in library {LibraryId} with role {Role}")]
    private static partial void LogIssued(ILogger logger, Guid keyId, Guid libraryId, string role);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId} of library {LibraryId}")]
    private static partial void LogRevoked(ILogger logger, Guid keyId, Guid libraryId);
}
