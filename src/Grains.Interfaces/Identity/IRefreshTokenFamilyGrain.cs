namespace Roomcast.Identity;

/// <summary>
/// One refresh-token family (key = family id): the chain of refresh tokens that descend from one sign-in.
/// It holds only SHA-256 hashes of secrets, never the secrets. Each token may be used once; presenting a
/// used one again revokes the whole family (the family was stolen, or its owner's copy was).
/// </summary>
[Alias("Roomcast.IRefreshTokenFamilyGrain")]
public interface IRefreshTokenFamilyGrain : IGrainWithGuidKey
{
    /// <summary>Starts the family with its first secret; returns when the family expires. A conflict when it already exists.</summary>
    [Alias("Start")]
    Task<DateTimeOffset> StartAsync(Guid userId, string secretHash, TimeSpan lifetime);

    /// <summary>
    /// Exchanges the current secret for <paramref name="nextHash"/>. The secret the last rotation consumed, presented
    /// again with the same <paramref name="nextHash"/> within <paramref name="retryGrace"/>, is a client's retry and
    /// gets the same answer. Throws unauthorized: <c>refresh_token_reused</c> for any other used secret (and revokes
    /// the family), <c>refresh_token_expired</c>, or <c>invalid_refresh_token</c>.
    /// </summary>
    [Alias("Rotate")]
    Task<RefreshTokenRotation> RotateAsync(string presentedHash, string nextHash, TimeSpan retryGrace);

    /// <summary>Revokes the family when the secret belongs to it (logout); otherwise does nothing.</summary>
    [Alias("Revoke")]
    Task RevokeAsync(string presentedHash);
}
