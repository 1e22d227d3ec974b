namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.RefreshTokenFamilyGrainState")]
public sealed class RefreshTokenFamilyGrainState
{
    /// <summary>The family's user; <see cref="Guid.Empty"/> while the family does not exist.</summary>
    [Id(0)] public Guid UserId { get; set; }

    /// <summary>SHA-256 hex of the one secret that may be used next.</summary>
    [Id(1)] public string CurrentHash { get; set; } = "";

    /// <summary>Hashes of secrets already used, newest last, at most <see cref="RefreshTokenFamilyGrain.MaxUsedHashes"/>.</summary>
    [Id(2)] public List<string> UsedHashes { get; set; } = [];

    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }

    [Id(4)] public bool Revoked { get; set; }

    /// <summary>True when the family was revoked because a used secret came back.</summary>
    [Id(5)] public bool ReuseDetected { get; set; }
}
