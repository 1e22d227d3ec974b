using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Roomcast.Errors;
using Roomcast.Identity;

namespace Roomcast.Grains.Identity;

/// <summary>
/// A refresh-token family: one current secret hash, a bounded list of used ones for reuse detection, an
/// absolute expiry and a revoked flag. Hashes are compared in constant time. A durable reminder set at the
/// family's start clears its state at expiry, revoked or not, so no sign-in outlives its lifetime in storage.
/// </summary>
public sealed partial class RefreshTokenFamilyGrain(
    [PersistentState("refresh-family", GrainStorage.Name)] IPersistentState<RefreshTokenFamilyGrainState> state,
    [FromKeyedServices(IdentityClock.Key)] TimeProvider clock,
    ILogger<RefreshTokenFamilyGrain> logger) : Grain, IRefreshTokenFamilyGrain, IRemindable
{
    /// <summary>How many used secrets a family remembers; an older one presented again is merely invalid.</summary>
    public const int MaxUsedHashes = 32;

    internal const string ExpiryReminderName = "refresh-family-expiry";

    /// <summary>The first tick comes at the family's expiry; later ones (Orleans' minimum period) only if that one failed.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private bool Exists => state.State.UserId != Guid.Empty;

    public async Task<DateTimeOffset> StartAsync(Guid userId, string secretHash, TimeSpan lifetime)
    {
        if (Exists)
        {
            throw new RoomcastException(ErrorKind.Conflict, "already_exists", "The refresh token family already exists.");
        }

        // The alarm before the state: a reminder without a family is harmless, a family without one would stay forever.
        await this.RegisterOrUpdateReminder(ExpiryReminderName, lifetime, ReminderPeriod);
        state.State.UserId = userId;
        state.State.CurrentHash = secretHash;
        state.State.ExpiresAt = clock.GetUtcNow() + lifetime;
        await state.WriteStateAsync();
        return state.State.ExpiresAt;
    }

    public async Task<RefreshTokenRotation> RotateAsync(string presentedHash, string nextHash)
    {
        var family = state.State;
        var isCurrent = Exists && SameHash(family.CurrentHash, presentedHash);
        var wasUsed = Exists && !isCurrent && family.UsedHashes.Any(used => SameHash(used, presentedHash));
        if (!isCurrent && !wasUsed)
        {
            throw Invalid();
        }

        if (clock.GetUtcNow() >= family.ExpiresAt)
        {
            await state.ClearStateAsync();
            throw new RoomcastException(ErrorKind.Unauthorized, AuthErrorCodes.RefreshTokenExpired, "The refresh token has expired; sign in again.");
        }

        if (family.Revoked)
        {
            throw family.ReuseDetected ? Reused() : Invalid();
        }

        if (wasUsed)
        {
            family.Revoked = true;
            family.ReuseDetected = true;
            await state.WriteStateAsync();
            LogReuseDetected(this.GetPrimaryKey(), family.UserId);
            throw Reused();
        }

        family.UsedHashes.Add(family.CurrentHash);
        if (family.UsedHashes.Count > MaxUsedHashes)
        {
            family.UsedHashes.RemoveRange(0, family.UsedHashes.Count - MaxUsedHashes);
        }

        family.CurrentHash = nextHash;
        await state.WriteStateAsync();
        return new RefreshTokenRotation(family.UserId, family.ExpiresAt);
    }

    public async Task RevokeAsync(string presentedHash)
    {
        var family = state.State;
        if (!Exists || family.Revoked
            || !(SameHash(family.CurrentHash, presentedHash) || family.UsedHashes.Any(used => SameHash(used, presentedHash))))
        {
            return;
        }

        family.Revoked = true;
        await state.WriteStateAsync();
        LogRevoked(this.GetPrimaryKey(), family.UserId);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminderName || (Exists && clock.GetUtcNow() < state.State.ExpiresAt))
        {
            return;
        }

        if (Exists)
        {
            await state.ClearStateAsync();
        }

        await this.UnregisterReminderIfAnyAsync(ExpiryReminderName);

        DeactivateOnIdle();
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
