using Orleans.Concurrency;

namespace Roomcast.ApiKeys;

/// <summary>
/// One API key (key = key id): its library, role and name, and the SHA-256 of its secret. The secret itself is
/// never stored; a presented one is hashed and compared in constant time.
/// </summary>
[Alias("Roomcast.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithGuidKey
{
    /// <summary>Creates the key as recorded in its library's list; a conflict when it exists or was revoked.</summary>
    [Alias("Create")]
    Task<ApiKeyInfo> CreateAsync(ApiKeyInfo key, byte[] secret);

    /// <summary>The key when <paramref name="secret"/> is its secret and it is not revoked; otherwise null.</summary>
    [Alias("Verify"), ReadOnly]
    Task<ApiKeyInfo?> VerifyAsync(byte[] secret);

    /// <summary>Returns the key, or null when there is none.</summary>
    [Alias("Find"), ReadOnly]
    Task<ApiKeyInfo?> FindAsync();

    /// <summary>
    /// Revokes the key and returns when that happened; revoking again returns the first time. A key that was
    /// never created is revoked too, so that it can never be created afterwards.
    /// </summary>
    [Alias("Revoke")]
    Task<DateTimeOffset> RevokeAsync();
}
