using System.Security.Cryptography;
using Roomcast.ApiKeys;
using Roomcast.Errors;

namespace Roomcast.Grains.ApiKeys;

/// <summary>One API key: verifies presented secrets against the stored SHA-256 in constant time.</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", GrainStorage.Name)] IPersistentState<ApiKeyGrainState> state,
    TimeProvider clock) : Grain, IApiKeyGrain
{
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

        state.State.Key = key;
        state.State.SecretHash = SHA256.HashData(secret);
        await state.WriteStateAsync();
        return key;
    }

    public Task<ApiKeyInfo?> VerifyAsync(byte[] secret)
    {
        // Hash whatever was presented, so a well-formed wrong secret costs the same as a right one.
        var presented = SHA256.HashData(secret);
        var stored = state.State.SecretHash;
        var matches = stored is not null && CryptographicOperations.FixedTimeEquals(presented, stored);
        return Task.FromResult(matches && state.State.RevokedOn is null ? state.State.Key : null);
    }

    public Task<ApiKeyInfo?> FindAsync() =>
        Task.FromResult(state.State.Key is { } key ? key with { RevokedOn = state.State.RevokedOn } : null);

    public async Task<DateTimeOffset> RevokeAsync()
    {
        if (state.State.RevokedOn is { } revoked)
        {
            return revoked;
        }

        state.State.RevokedOn = clock.GetUtcNow();
        await state.WriteStateAsync();
        return state.State.RevokedOn.Value;
    }
}
