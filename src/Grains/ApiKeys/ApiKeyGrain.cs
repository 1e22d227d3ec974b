using System.Security.Cryptography;
using Roomcast.ApiKeys;
using Roomcast.Errors;

namespace Roomcast.Grains.ApiKeys;

/// <summary>One API key: verifies presented secrets against the stored SHA-256 in constant time.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", GrainStorage.Name)] IPersistentState<ApiKeyGrainState> state,
    TimeProvider clock) : Grain, IApiKeyGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    /// <summary>Bytes of randomness in a secret (256 bits).</summary>
    public const int SecretLength = 32;

    public async Task<ApiKeyInfo> CreateAsync(ApiKeyInfo key, byte[] secret)
    {
        if (state.State.Key is not null || state.State.RevokedOn is not null)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The API key already exists or was revoked.");
        }

        if (key.Id != this.GetPrimaryKey() || key.RevokedOn is not null || secret.Length != SecretLength)
        {
            throw new ArgumentException($"Expected an unrevoked key with this grain's id and a {SecretLength}-byte secret.", nameof(key));
        }

        await state.WriteOrRevertAsync(state.State with { Key = key, SecretHash = SHA256.HashData(secret) }, this);
        return key;
    }

    public Task<ApiKeyInfo?> VerifyAsync(byte[] secret)
    {
        // Hash whatever was presented, so a well-formed wrong secret costs the same as a right one.
        var presented = SHA256.HashData(secret);
        var stored = state.State.SecretHash;
        if (stored is null)
        {
            // Random well-formed keys from anonymous callers must not pile up activations.
            _emptyRetirement.Schedule(this);
        }

        var matches = stored is not null && CryptographicOperations.FixedTimeEquals(presented, stored);
        return Task.FromResult(matches && state.State.RevokedOn is null ? state.State.Key : null);
    }

    public Task<ApiKeyInfo?> FindAsync() =>
        Task.FromResult(state.State.Key is { } key ? key with { RevokedOn = state.State.RevokedOn } : NotFound());

    private ApiKeyInfo? NotFound()
    {
        _emptyRetirement.Schedule(this);
        return null;
    }

    public async Task<DateTimeOffset> RevokeAsync()
    {
        if (state.State.RevokedOn is { } revoked)
        {
            return revoked;
        }

        var revokedOn = clock.GetUtcNow();
        await state.WriteOrRevertAsync(state.State with { RevokedOn = revokedOn }, this);
        return revokedOn;
    }
}
