using Orleans.Concurrency;
using Roomcast.ApiKeys;

namespace Roomcast.Libraries;

/// <summary>One library (key = library id).</summary>
[Alias("Roomcast.ILibraryGrain")]
public interface ILibraryGrain : IGrainWithGuidKey
{
    /// <summary>Creates the library; a conflict when it already exists.</summary>
    [Alias("Create")]
    Task<LibraryProfile> CreateAsync(string name);

    /// <summary>Returns the library, or null when there is none.</summary>
    [Alias("Find")]
    Task<LibraryProfile?> FindAsync();

    /// <summary>
    /// Records an API key in the library's list (before the key grain is created, so no working key is ever
    /// unlisted); recording the same id again returns the first record. Not found when the library does not exist.
    /// </summary>
    [Alias("AddApiKey")]
    Task<ApiKeyInfo> AddApiKeyAsync(NewApiKey key);

    /// <summary>Marks a listed key revoked at <paramref name="revokedOn"/> (the key grain's time); null when the key is not listed.</summary>
    [Alias("MarkApiKeyRevoked")]
    Task<ApiKeyInfo?> MarkApiKeyRevokedAsync(Guid keyId, DateTimeOffset revokedOn);

    /// <summary>A key of this library, or null when it is not one of them.</summary>
    [Alias("FindApiKey"), ReadOnly]
    Task<ApiKeyInfo?> FindApiKeyAsync(Guid keyId);

    /// <summary>One page of the library's keys, revoked ones included, newest first.</summary>
    [Alias("ListApiKeys"), ReadOnly]
    Task<ApiKeyPage> ListApiKeysAsync(int limit, string? startAfter, string? endBefore);
}
