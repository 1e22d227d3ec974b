using Roomcast.ApiKeys;

namespace Roomcast.Grains.ApiKeys;

[GenerateSerializer, Alias("Roomcast.ApiKeyGrainState")]
public sealed record ApiKeyGrainState
{
    /// <summary>The key's metadata; null for a key that was never created.</summary>
    [Id(0)] public ApiKeyInfo? Key { get; init; }

    /// <summary>SHA-256 of the secret; the secret itself is never stored.</summary>
    [Id(1)] public byte[]? SecretHash { get; init; }

    /// <summary>When the key was revoked; set on a never-created key too, so it can never be created.</summary>
    [Id(2)] public DateTimeOffset? RevokedOn { get; init; }
}
