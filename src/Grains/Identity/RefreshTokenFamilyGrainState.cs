using Roomcast.Grains.Expiry;

namespace Roomcast.Grains.Identity;

[GenerateSerializer, Alias("Roomcast.RefreshTokenFamilyGrainState")]
public sealed record RefreshTokenFamilyGrainState : IExpiringState
{
    /// <summary>The family's user; <see cref="Guid.Empty"/> while the family does not exist.</summary>
    [Id(0)] public Guid UserId { get; init; }

    /// <summary>SHA-256 hex of the one secret that may be used next.</summary>
    [Id(1)] public string CurrentHash { get; init; } = "";

    /// <summary>Hashes of secrets already used, newest last, at most <see cref="RefreshTokenFamilyGrain.MaxUsedHashes"/>.</summary>
    [Id(2)] public IReadOnlyList<string> UsedHashes { get; init; } = [];

    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }

    DateTimeOffset? IExpiringState.ExpiresAt => UserId == Guid.Empty ? null : ExpiresAt;

    [Id(4)] public bool Revoked { get; init; }

    /// <summary>True when the family was revoked because a used secret came back.</summary>
    [Id(5)] public bool ReuseDetected { get; init; }

    /// <summary>When the current secret replaced the previous one (the last of <see cref="UsedHashes"/>); null before the first rotation.</summary>
    [Id(6)] public DateTimeOffset? RotatedAt { get; init; }
}
