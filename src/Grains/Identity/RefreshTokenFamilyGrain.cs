using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>
/// A refresh-token family: one current secret hash, a bounded list of used ones for reuse detection, an
/// absolute expiry and a revoked flag. Hashes are compared in constant time. Past its expiry a family is refused,
/// and the expiry sweep deletes it from storage, revoked or not (its state is an <see cref="Expiry.IExpiringState"/>),
/// so no sign-in outlives its lifetime in storage by more than one sweep period, and no sign-in costs a reminder.
/// </summary>
public sealed partial class RefreshTokenFamilyGrain(
    [PersistentState("refresh-family", GrainStorage.Name)] IPersistentState<RefreshTokenFamilyGrainState> state,
    [FromKeyedServices(IdentityClock.Key)] TimeProvider clock,
    ILogger<RefreshTokenFamilyGrain> logger) : Grain, IRefreshTokenFamilyGrain
{
    private readonly EmptyActivationRetirement _emptyRetirement = new();

    /// <summary>How many used secrets a family remembers; an older one presented again is merely invalid.</summary>
    public const int MaxUsedHashes = 32;

    private bool Exists => state.State.UserId != Guid.Empty;

    public async Task<DateTimeOffset> StartAsync(Guid userId, string secretHash, TimeSpan lifetime)
    {
        if (Exists)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The refresh token family already exists.");
        }

        var expiresAt = clock.GetUtcNow() + lifetime;
        await state.WriteOrRevertAsync(
            new RefreshTokenFamilyGrainState { UserId = userId, CurrentHash = secretHash, ExpiresAt = expiresAt }, this);
        return expiresAt;
    }

    public async Task<RefreshTokenRotation> RotateAsync(string presentedHash, string nextHash, TimeSpan retryGrace)
    {
        var family = state.State;
        var isCurrent = Exists && SameHash(family.CurrentHash, presentedHash);
        var wasUsed = Exists && !isCurrent && family.UsedHashes.Any(used => SameHash(used, presentedHash));
        if (!isCurrent && !wasUsed)
        {
            throw Unknown();
        }

        var now = clock.GetUtcNow();
        if (now >= family.ExpiresAt)
        {
            // The sweep deletes the row; this activation has nothing left to serve.
            _emptyRetirement.Schedule(this);
            throw new RoomcastException(ErrorKind.Unauthorized, AuthErrorCodes.RefreshTokenExpired, "The refresh token has expired; sign in again.");
        }

        if (family.Revoked)
        {
            throw family.ReuseDetected ? Reused() : Invalid();
        }

        if (wasUsed && IsRetryOfLastRotation(family, presentedHash, nextHash, now, retryGrace))
        {
            // The client lost the answer and asks again: the same successor, so the same new pair, and no new write.
            return new RefreshTokenRotation(family.UserId, family.ExpiresAt);
        }

        if (wasUsed)
        {
            await state.WriteOrRevertAsync(family with { Revoked = true, ReuseDetected = true }, this);
            LogReuseDetected(this.GetPrimaryKey(), family.UserId);
            throw Reused();
        }

        await state.WriteOrRevertAsync(family with
        {
            UsedHashes = [.. family.UsedHashes.Append(family.CurrentHash).TakeLast(MaxUsedHashes)],
            CurrentHash = nextHash,
            RotatedAt = now,
        }, this);
        return new RefreshTokenRotation(family.UserId, family.ExpiresAt);
    }

    public async Task RevokeAsync(string presentedHash)
    {
        var family = state.State;
        if (!Exists)
        {
            _emptyRetirement.Schedule(this);
            return;
        }

        if (family.Revoked
            || !(SameHash(family.CurrentHash, presentedHash) || family.UsedHashes.Any(used => SameHash(used, presentedHash))))
        {
            return;
        }

        await state.WriteOrRevertAsync(family with { Revoked = true }, this);
        LogRevoked(this.GetPrimaryKey(), family.UserId);
    }

    /// <summary>
    /// The token the last rotation consumed, presented again with the same successor (the API derives the next
    /// secret from the presented one) within the grace window: a retry, not a theft.
    /// </summary>
    private static bool IsRetryOfLastRotation(
        RefreshTokenFamilyGrainState family, string presentedHash, string nextHash, DateTimeOffset now, TimeSpan retryGrace) =>
        family is { RotatedAt: { } rotatedAt, UsedHashes: [.., var lastUsed] }
        && now - rotatedAt < retryGrace
        && SameHash(lastUsed, presentedHash)
        && SameHash(family.CurrentHash, nextHash);

    /// <summary>Anyone can present a well-formed token of a family that never existed: such a lookup leaves nothing behind.</summary>
    private RoomcastException Unknown()
    {
        if (!Exists)
        {
            _emptyRetirement.Schedule(this);
        }

        return Invalid();
    }

    private static bool SameHash(string stored, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(presented));

    private static RoomcastException Invalid() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.InvalidRefreshToken, "The refresh token is not valid.");

    private static RoomcastException Reused() =>
        new(ErrorKind.Unauthorized, AuthErrorCodes.RefreshTokenReused,
            "This refresh token was already used; every token of its sign-in is now revoked. Sign in again.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refresh token reuse in family {FamilyId} of user {UserId}: family revoked")]
    private partial void LogReuseDetected(Guid familyId, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refresh token family {FamilyId} of user {UserId} revoked (logout)")]
    private partial void LogRevoked(Guid familyId, Guid userId);
}
